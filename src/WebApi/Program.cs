using CleanProfiles.Application;
using CleanProfiles.Infrastructure;
using CleanProfiles.WebApi;
using CleanProfiles.WebApi.WebApp;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddPresentation(builder.Configuration)
    .AddWebApp(builder.Configuration);

var app = builder.Build();
app.UsePresentation();
app.UseWebApp();
await app.RunAsync();
