using System.Globalization;
using System.Text;

using CsCheck;

namespace Kiwigrid.Testing.Robustness;

/// <summary>
/// CsCheck generators of JSON <em>text</em>, not of JSON nodes: only text can carry what a hostile peer may send —
/// lone surrogate escapes, duplicate keys, numbers out of range, raw U+2028 — which a node tree cannot represent.
/// </summary>
internal static class ArbitraryJson
{
    /// <summary>Characters that break naive codecs: quotes, backslash, controls, line separators, BOM, non-characters, surrogates.</summary>
    public static readonly Gen<char> TrickyChar = Gen.OneOf(
        '"', '\\', '/', '\0', '\b', '\t', '\n', '\r', '\u001f', '\u007f', '\u0080', '\u00ff', '\u2028', '\u2029',
        '\ufeff', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '*', '$', '.', '\'');

    /// <summary>Any UTF-16 code unit, lone surrogates included, biased towards the tricky ones.</summary>
    public static readonly Gen<char> AnyChar = Gen.Frequency<char>(
        (4, Gen.Char[' ', '~']),
        (2, TrickyChar),
        (1, Gen.Char));

    /// <summary>Strings that may hold lone surrogates.</summary>
    public static readonly Gen<string> AnyString = AnyChar.Array[0, 24].Select(chars => new string(chars));

    /// <summary>Well-formed UTF-16 (every surrogate paired), with emoji, controls and line separators.</summary>
    public static readonly Gen<string> WellFormedString = Gen.Frequency<int>(
            (4, Gen.Int[0x20, 0x7e]),
            (2, Gen.OneOf(0x00, 0x08, 0x0a, 0x1f, 0x22, 0x5c, 0x7f, 0x2028, 0x2029, 0xfeff, 0xffff, 0x1f600, 0x10ffff)),
            (1, Gen.Int[0, 0x10ffff].Where(cp => cp is < 0xd800 or > 0xdfff)))
        .Array[0, 32]
        .Select(codePoints =>
        {
            var text = new StringBuilder();
            foreach (var cp in codePoints)
            {
                text.Append(char.ConvertFromUtf32(cp));
            }

            return text.ToString();
        });

    /// <summary>Keys a parser of ours looks for, so random documents reach past the first check.</summary>
    private static readonly Gen<string> DomainKey = Gen.OneOf(
        "type", "address", "body", "replyAddress", "failureCode", "failureType", "message", "headers",
        "filter", "projection", "sorting", "offset", "limit", "guid", "$and", "$or", "$in", "$ne", "$like", "$exists",
        "$gt", "$gte", "$lt", "$lte", "$nor", "tagValues.IdName.value", "deviceModel.deviceClass", "a..b", ".", "",
        "tagValues", "value", "accessToken", "action", "params");

    private static readonly Gen<string> Key = Gen.Frequency<string>((3, DomainKey), (1, AnyString));

    private static readonly Gen<string> Number = Gen.Frequency<string>(
        (3, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("0", "-0", "1", "-1", "1.0", "1e400", "-1e400", "1E-400", "123456789012345678901234567890", "2147483648", "0.5")));

    /// <summary>A JSON string literal of arbitrary content, each character written raw where JSON allows, or escaped.</summary>
    public static readonly Gen<string> StringLiteral = Gen.Select(AnyChar, Gen.Int[0, 3]).Array[0, 24].Select(chars =>
    {
        var literal = new StringBuilder("\"");
        foreach (var (c, style) in chars)
        {
            AppendChar(literal, c, style);
        }

        return literal.Append('"').ToString();
    });

    private static readonly Gen<string> KeyLiteral = Gen.Select(Key, Gen.Int[0, 3]).Select((key, style) =>
    {
        var literal = new StringBuilder("\"");
        foreach (var c in key)
        {
            AppendChar(literal, c, style);
        }

        return literal.Append('"').ToString();
    });

    private static readonly Gen<string> Scalar = Gen.Frequency<string>(
        (1, Gen.OneOf("null", "true", "false")),
        (2, Number),
        (3, StringLiteral));

    /// <summary>Any JSON value, nested a few levels deep.</summary>
    public static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) => depth >= 4
        ? Scalar
        : Gen.Frequency<string>(
            (3, Scalar),
            (1, value.Array[0, 5].Select(items => "[" + string.Join(',', items) + "]")),
            (2, Members(value))));

    /// <summary>Any JSON object; its members' values are arbitrary JSON.</summary>
    public static readonly Gen<string> Object = Members(Value);

    private static Gen<string> Members(Gen<string> value) =>
        Gen.Select(KeyLiteral, value).Array[0, 6].Select(members =>
            "{" + string.Join(',', members.Select(m => m.Item1 + ":" + m.Item2)) + "}");

    private static void AppendChar(StringBuilder literal, char c, int style)
    {
        var mustEscape = c is '"' or '\\' or < ' ' || char.IsSurrogate(c);
        if (!mustEscape && style < 2)
        {
            literal.Append(c);
        }
        else if (style == 3 && c is '"' or '\\' or '\n')
        {
            literal.Append('\\').Append(c == '\n' ? 'n' : c);
        }
        else
        {
            literal.Append("\\u").Append(((int)c).ToString(style == 2 ? "x4" : "X4", CultureInfo.InvariantCulture));
        }
    }
}
