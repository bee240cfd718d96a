-- Recorded before the copy or the mail: a row left 'sending' after a crash says a mail may have gone out.
-- A target already 'sent' for this period is left alone; the caller skips it.
INSERT INTO JobDelivery (JobName, Period, Channel, Target, Status, Attempts, FirstAttemptAt, CompletedAt)
VALUES (@JobName, @Period, @Channel, @Target, 'sending', 0, @Now, NULL)
ON CONFLICT (JobName, Period, Channel, Target) DO NOTHING;

UPDATE JobDelivery SET Attempts = Attempts + 1
WHERE JobName = @JobName AND Period = @Period AND Channel = @Channel AND Target = @Target AND Status <> 'sent';
