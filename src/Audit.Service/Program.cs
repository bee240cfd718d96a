Console.WriteLine("Audit");
