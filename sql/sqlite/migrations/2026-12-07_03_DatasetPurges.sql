-- Purges of datasets and models, as the data platform records them (import dataset-purges): the dataset, the day its
-- contents were deleted, and the reference that evidences it (a ticket, a deletion certificate). A scan as of that day
-- or later reads them: data that had reached the dataset by the end of the purge day is no longer held there, while
-- data arriving after it is (issue 23, item 5). Past conduct stays: a purge changes where a finding's data is held,
-- not what was done with it.
CREATE TABLE DatasetPurge (
    DatasetId INTEGER NOT NULL,
    PurgedOn  TEXT    NOT NULL,
    Reference TEXT    NOT NULL,
    Note      TEXT    NULL,
    CONSTRAINT PK_DatasetPurge PRIMARY KEY (DatasetId, PurgedOn),
    CONSTRAINT FK_DatasetPurge_Dataset FOREIGN KEY (DatasetId) REFERENCES Dataset (DatasetId)
);
