using Kiwigrid.Hosting;

// Settings from appsettings.json, Kiwigrid__… environment variables or the command line (Kiwigrid:Source:Kind, …).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddKiwigrid(builder.Configuration);

var app = builder.Build();
app.MapKiwigridDashboard();
app.MapKiwigridApi();
app.Run();
