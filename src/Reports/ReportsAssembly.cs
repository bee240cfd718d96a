namespace Audit.Reports;

/// <summary>Marker for the Reports assembly.</summary>
public static class ReportsAssembly;
