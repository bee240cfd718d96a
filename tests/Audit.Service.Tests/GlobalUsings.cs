global using Audit.Service.Tests.Infrastructure;
global using Xunit;
