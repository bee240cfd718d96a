-- Sources a litigator can check (issue 25, item 5): each row of the exposure table names its primary source (the
-- official text, not a summary site), the pinpoint within it, and when and by whom it was last verified. Rows stored
-- before this keep NULL, and the report's appendix says their source is not recorded until the table is re-imported.
ALTER TABLE dbo.ExposureTheory ADD
    PrimarySource NVARCHAR(1000) NULL,
    Pinpoint      NVARCHAR(1000) NULL,
    VerifiedOn    DATE           NULL,
    VerifiedBy    NVARCHAR(200)  NULL;
