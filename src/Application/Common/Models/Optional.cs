namespace CleanProfiles.Application.Common.Models;

/// <summary>A field of a partial update: either absent (leave unchanged) or present with a value, which may be null.</summary>
public readonly record struct Optional<T>
{
    private readonly T value;

    private Optional(T value)
    {
        this.value = value;
        HasValue = true;
    }

    public static Optional<T> Absent => default;

    public bool HasValue { get; }

    public T Value => HasValue ? value : throw new InvalidOperationException("The field is absent.");

    public static Optional<T> Of(T value) => new(value);

    public static implicit operator Optional<T>(T value) => new(value);

    public override string ToString() => HasValue ? $"{value}" : "(absent)";
}
