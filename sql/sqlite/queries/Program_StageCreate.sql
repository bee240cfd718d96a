-- Staging table for an import of Program: rows land here first, then Program_StageMerge upserts them.
DROP TABLE IF EXISTS temp.Stage_Program;
CREATE TEMP TABLE Stage_Program AS SELECT ProgramId, Name, Purpose, EuExempt, EuExemptionRationale, OptOut, OptOutDescription, CompensationPolicy FROM Program WHERE 0;
