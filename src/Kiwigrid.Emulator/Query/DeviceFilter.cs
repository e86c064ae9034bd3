using System.Text;
using System.Text.Json.Nodes;

namespace Kiwigrid.Emulator.Query;

/// <summary>
/// A compiled <c>getDevices</c> filter: a Mongo-like document over dotted paths (PROTOCOL.md §5). Plain values match
/// by equality (or membership, when the path reaches an array); <c>$and</c>/<c>$or</c> combine sub-filters; fields
/// take <c>$like</c> (<c>*</c> wildcards), <c>$in</c>, <c>$ne</c>, <c>$exists</c>, <c>$gt</c>, <c>$gte</c>, <c>$lt</c>, <c>$lte</c>.
/// Everything is checked when compiling: an unknown operator or a wrongly typed operand is an
/// <see cref="InvalidQueryException"/>, never a silent match.
/// </summary>
internal static class DeviceFilter
{
    public static Func<JsonNode, bool> Compile(JsonNode? filter) => filter switch
    {
        null => _ => true,
        JsonObject document => CompileDocument(document),
        _ => throw new InvalidQueryException("The filter must be a JSON object."),
    };

    private static Func<JsonNode, bool> CompileDocument(JsonObject filter)
    {
        var clauses = new List<Func<JsonNode, bool>>();
        foreach (var (key, condition) in filter)
        {
            clauses.Add(key switch
            {
                "$and" => Combine(key, condition, all: true),
                "$or" => Combine(key, condition, all: false),
                _ when key.StartsWith('$') => throw new InvalidQueryException($"Unknown filter operator '{key}'."),
                _ => CompileField(new DocumentPath(key), condition),
            });
        }

        return document => clauses.TrueForAll(clause => clause(document));
    }

    private static Func<JsonNode, bool> Combine(string op, JsonNode? operand, bool all)
    {
        if (operand is not JsonArray { Count: > 0 } parts)
        {
            throw new InvalidQueryException($"'{op}' needs a non-empty array of filters.");
        }

        var compiled = parts.Select(part => part is JsonObject sub
            ? CompileDocument(sub)
            : throw new InvalidQueryException($"Every element of '{op}' must be a filter object.")).ToList();
        return all ? document => compiled.TrueForAll(c => c(document)) : document => compiled.Exists(c => c(document));
    }

    private static Func<JsonNode, bool> CompileField(DocumentPath path, JsonNode? condition)
    {
        if (condition is not JsonObject operators || !operators.Any(p => p.Key.StartsWith('$')))
        {
            return document => MatchesEquality(path, document, condition);
        }

        var checks = new List<Func<JsonNode, bool>>();
        foreach (var (op, operand) in operators)
        {
            checks.Add(op switch
            {
                "$like" => Like(path, operand),
                "$in" => In(path, operand),
                "$ne" => document => !MatchesEquality(path, document, operand),
                "$exists" => Exists(path, operand),
                "$gt" => Compare(path, op, operand, c => c > 0),
                "$gte" => Compare(path, op, operand, c => c >= 0),
                "$lt" => Compare(path, op, operand, c => c < 0),
                "$lte" => Compare(path, op, operand, c => c <= 0),
                _ when op.StartsWith('$') => throw new InvalidQueryException($"Unknown filter operator '{op}' on '{path.Text}'."),
                _ => throw new InvalidQueryException($"The condition on '{path.Text}' mixes operators with the field '{op}'."),
            });
        }

        return document => checks.TrueForAll(check => check(document));
    }

    /// <summary>Equality as MongoDB has it: null also matches a missing field, and an array matches by membership.</summary>
    private static bool MatchesEquality(DocumentPath path, JsonNode document, JsonNode? expected)
    {
        var values = path.Resolve(document);
        if (expected is null && values.Count == 0)
        {
            return true;
        }

        return path.ResolveLeaves(document).Exists(value => DocumentPath.JsonEquals(value, expected));
    }

    private static Func<JsonNode, bool> In(DocumentPath path, JsonNode? operand)
    {
        if (operand is not JsonArray candidates)
        {
            throw new InvalidQueryException($"'$in' on '{path.Text}' needs an array.");
        }

        var options = candidates.ToList();
        return document => options.Exists(option => MatchesEquality(path, document, option));
    }

    private static Func<JsonNode, bool> Exists(DocumentPath path, JsonNode? operand)
    {
        if (operand is not JsonValue value || !value.TryGetValue<bool>(out var wanted))
        {
            throw new InvalidQueryException($"'$exists' on '{path.Text}' needs true or false.");
        }

        return document => path.Resolve(document).Count > 0 == wanted;
    }

    private static Func<JsonNode, bool> Like(DocumentPath path, JsonNode? operand)
    {
        if (!DocumentPath.TryString(operand, out var pattern))
        {
            throw new InvalidQueryException($"'$like' on '{path.Text}' needs a string pattern.");
        }

        // A run of '*' matches like one; collapsed first, a hostile "****…" pattern is not split into millions of pieces.
        var pieces = CollapseWildcards(pattern).Split('*');
        return document => path.ResolveLeaves(document).Exists(value => DocumentPath.TryString(value, out var text) && Glob(text, pieces));
    }

    private static Func<JsonNode, bool> Compare(DocumentPath path, string op, JsonNode? operand, Func<int, bool> accept)
    {
        if (DocumentPath.TryNumber(operand, out var bound))
        {
            return document => path.ResolveLeaves(document).Exists(value => DocumentPath.TryNumber(value, out var number) && accept(number.CompareTo(bound)));
        }

        if (DocumentPath.TryString(operand, out var text))
        {
            return document => path.ResolveLeaves(document).Exists(value => DocumentPath.TryString(value, out var other) && accept(string.CompareOrdinal(other, text)));
        }

        throw new InvalidQueryException($"'{op}' on '{path.Text}' needs a number or a string.");
    }

    private static string CollapseWildcards(string pattern)
    {
        var collapsed = new StringBuilder(pattern.Length);
        foreach (var c in pattern)
        {
            if (c != '*' || collapsed.Length == 0 || collapsed[^1] != '*')
            {
                collapsed.Append(c);
            }
        }

        return collapsed.ToString();
    }

    /// <summary>Whether <paramref name="text"/> matches the pattern split at its <c>*</c> wildcards (case-sensitive).</summary>
    private static bool Glob(string text, string[] pieces)
    {
        if (pieces.Length == 1)
        {
            return text == pieces[0];
        }

        if (!text.StartsWith(pieces[0], StringComparison.Ordinal) || !text.EndsWith(pieces[^1], StringComparison.Ordinal)
            || text.Length < pieces[0].Length + pieces[^1].Length)
        {
            return false;
        }

        var position = pieces[0].Length;
        var end = text.Length - pieces[^1].Length;
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            var found = text.IndexOf(pieces[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + pieces[i].Length;
        }

        return true;
    }
}
