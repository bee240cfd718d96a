-- One attempt at a delivery: delivered on a 2xx (then never sent again), otherwise still pending with what went wrong.
UPDATE dbo.GuardDelivery
SET Attempts = Attempts + 1, LastAttemptAt = @At, LastResult = @Result, Status = @Status,
    DeliveredAt = CASE WHEN @Status = 'delivered' THEN @At ELSE DeliveredAt END
WHERE DeliveryId = @DeliveryId AND Status <> 'delivered';
