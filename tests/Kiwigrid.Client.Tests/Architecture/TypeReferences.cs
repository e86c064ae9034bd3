using System.Reflection;
using System.Reflection.Emit;

namespace Kiwigrid.Client.Tests.Architecture;

/// <summary>
/// Which library types each library type uses: in its signatures (base type, interfaces, fields, properties,
/// parameters, return types, generic arguments) and in its method bodies (every type, field and method token the IL
/// names). Nested and compiler-generated types (closures, state machines) count as their outermost declaring type.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(opCode => opCode.Value);

    /// <summary>Every (user, used) pair of distinct outermost library types in <paramref name="assembly"/>.</summary>
    public static IReadOnlySet<(Type User, Type Used)> In(Assembly assembly)
    {
        var edges = new HashSet<(Type, Type)>();
        foreach (var type in assembly.GetTypes())
        {
            var user = Outermost(type);
            foreach (var used in UsedBy(type))
            {
                foreach (var part in Flatten(used))
                {
                    if (part.Assembly == assembly && Outermost(part) is var target && target != user)
                    {
                        edges.Add((user, target));
                    }
                }
            }
        }

        return edges;
    }

    /// <summary>The type a nested type is declared in, all the way out.</summary>
    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static IEnumerable<Type> UsedBy(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var contract in type.GetInterfaces())
        {
            yield return contract;
        }

        foreach (var field in type.GetFields(Declared))
        {
            yield return field.FieldType;
        }

        foreach (var property in type.GetProperties(Declared))
        {
            yield return property.PropertyType;
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo { ReturnType: var returnType })
            {
                yield return returnType;
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }

            foreach (var used in UsedInBody(method))
            {
                yield return used;
            }
        }
    }

    private static List<Type> UsedInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }

        var used = new List<Type>();
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            var value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            if (opCode.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok
                or OperandType.InlineType)
            {
                var token = BitConverter.ToInt32(il, position);
                var member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                switch (member)
                {
                    case Type type:
                        used.Add(type);
                        break;
                    case FieldInfo field:
                        used.Add(field.DeclaringType!);
                        used.Add(field.FieldType);
                        break;
                    case MethodBase called:
                        used.Add(called.DeclaringType!);
                        if (called.IsGenericMethod)
                        {
                            used.AddRange(called.GetGenericArguments());
                        }

                        break;
                }
            }

            position += OperandSize(opCode.OperandType, il, position);
        }

        return used;
    }

    private static int OperandSize(OperandType operand, byte[] il, int position) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            return Flatten(type.GetElementType()!);
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            return Flatten(type.GetGenericTypeDefinition()).Concat(type.GetGenericArguments().SelectMany(Flatten));
        }

        return type.IsGenericParameter ? [] : [type];
    }
}
