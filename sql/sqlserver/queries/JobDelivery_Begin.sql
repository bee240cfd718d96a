-- Recorded before the copy or the mail: a row left 'sending' after a crash says a mail may have gone out.
-- A target already 'sent' for this period is left alone; the caller skips it.
INSERT INTO dbo.JobDelivery (JobName, Period, Channel, Target, Status, Attempts, FirstAttemptAt, CompletedAt)
SELECT @JobName, @Period, @Channel, @Target, 'sending', 0, @Now, NULL
WHERE NOT EXISTS (SELECT 1 FROM dbo.JobDelivery WITH (UPDLOCK, HOLDLOCK)
                  WHERE JobName = @JobName AND Period = @Period AND Channel = @Channel AND Target = @Target);

UPDATE dbo.JobDelivery SET Attempts = Attempts + 1
WHERE JobName = @JobName AND Period = @Period AND Channel = @Channel AND Target = @Target AND Status <> 'sent';
