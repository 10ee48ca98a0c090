using System.Text.Json;
using System.Text.Json.Serialization;
using CleanProfiles.Application.Common.Models;

namespace CleanProfiles.WebApi.Json;

/// <summary>
/// Reads <see cref="Optional{T}"/>: a property missing from the JSON stays absent (the serializer never calls the
/// converter for it), a present property, including an explicit null, becomes a value.
/// </summary>
public sealed class OptionalJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]), options)!;

    private sealed class OptionalConverter<T>(JsonSerializerOptions options) : JsonConverter<Optional<T>>
    {
        // Called directly rather than through JsonSerializer.Deserialize, so a type error keeps the property's path
        // ($.graduation_year) and the problem names the field.
        private readonly JsonConverter<T> inner = (JsonConverter<T>)options.GetConverter(typeof(T));

        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null && default(T) is null
                ? Optional<T>.Of(default!)
                : Optional<T>.Of(inner.Read(ref reader, typeof(T), options)!);

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
        {
            if (value.HasValue)
            {
                JsonSerializer.Serialize(writer, value.Value, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
