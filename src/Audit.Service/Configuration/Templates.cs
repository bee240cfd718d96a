namespace Audit.Service.Configuration;

/// <summary>Finds a template file: the configured folder (relative to the working directory), else the copy beside the program.</summary>
public static class Templates
{
    public static string Resolve(string folder, string file)
    {
        var direct = Path.Combine(folder, file);
        if (File.Exists(direct))
        {
            return direct;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "templates", file);
        return File.Exists(beside) ? beside : throw new FileNotFoundException($"Template '{file}' not found in '{Path.GetFullPath(folder)}' or beside the program.", direct);
    }
}
