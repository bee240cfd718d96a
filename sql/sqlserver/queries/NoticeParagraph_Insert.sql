-- One numbered paragraph of an imported text.
INSERT INTO dbo.NoticeParagraph (NoticeTextId, Number, Text)
VALUES (@NoticeTextId, @Number, @Text);
