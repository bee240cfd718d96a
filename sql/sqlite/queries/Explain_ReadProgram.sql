-- A program's settings (they have no history: a scan of the past reads them as they are now).
SELECT ProgramId, Name, Purpose, EuExempt, EuExemptionRationale, OptOut, OptOutDescription
FROM Program
WHERE ProgramId = @ProgramId;
