using CleanProfiles.Application;
using CleanProfiles.Infrastructure;
using CleanProfiles.WebApi;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddPresentation(builder.Configuration);

var app = builder.Build();
app.UsePresentation();
await app.RunAsync();
