using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanProfiles.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UploadLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows written before this migration were recorded after their objects: they are all stored. New rows always
            // carry their state (the app writes it), so this default only fills the existing ones.
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deletion_started_at",
                table: "picture_uploads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "picture_uploads",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "stored");

            migrationBuilder.CreateIndex(
                name: "ix_picture_uploads_state_created_at",
                table: "picture_uploads",
                columns: new[] { "state", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_picture_uploads_state_created_at",
                table: "picture_uploads");

            migrationBuilder.DropColumn(
                name: "deletion_started_at",
                table: "picture_uploads");

            migrationBuilder.DropColumn(
                name: "state",
                table: "picture_uploads");
        }
    }
}
