-- Sources a litigator can check (issue 25, item 5): each row of the exposure table names its primary source (the
-- official text, not a summary site), the pinpoint within it, and when and by whom it was last verified. Rows stored
-- before this keep NULL, and the report's appendix says their source is not recorded until the table is re-imported.
ALTER TABLE ExposureTheory ADD COLUMN PrimarySource TEXT NULL;
ALTER TABLE ExposureTheory ADD COLUMN Pinpoint      TEXT NULL;
ALTER TABLE ExposureTheory ADD COLUMN VerifiedOn    TEXT NULL;
ALTER TABLE ExposureTheory ADD COLUMN VerifiedBy    TEXT NULL;
