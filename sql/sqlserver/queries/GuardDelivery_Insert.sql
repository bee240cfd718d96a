-- One webhook delivery of an alert, pending until a receiver answers 2xx.
INSERT INTO dbo.GuardDelivery (DeliveryId, AlertId, Url, Status, Attempts) VALUES (@DeliveryId, @AlertId, @Url, 'pending', 0);
