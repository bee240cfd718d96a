-- Every notice id: what a notice text's file name must be.
SELECT NoticeId FROM dbo.Notice;
