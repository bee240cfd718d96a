-- One numbered paragraph of an imported text.
INSERT INTO NoticeParagraph (NoticeTextId, Number, Text)
VALUES (@NoticeTextId, @Number, @Text);
