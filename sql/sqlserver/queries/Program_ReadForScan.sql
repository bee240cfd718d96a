SELECT ProgramId, Name, Purpose, EuExempt, EuExemptionRationale, OptOut, OptOutDescription, CompensationPolicy
FROM Program;
