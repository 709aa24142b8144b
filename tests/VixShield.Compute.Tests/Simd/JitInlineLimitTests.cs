using System.Reflection;
using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;
using Xunit;

namespace VixShield.Compute.Tests.Simd;

/// <summary>
/// RyuJIT inlines no method with more than 32 IL locals (MAX_INL_LCLS) or 32 arguments (MAX_INL_ARGS), whatever its
/// <see cref="MethodImplOptions.AggressiveInlining"/> says, and does not report it. The SIMD engine depends on the
/// formula, exp, log and erfc being inlined into one compiled method per vector width: when the formula grew to 37
/// locals it became a call with 15 vector arguments through the stack, and the engine lost about 15 %
/// (kernels-docs/vector-math.md, "Speed, part 3"). This test keeps every force-inlined method of the library under
/// both limits, so a new Greek or a longer polynomial cannot silently undo it.
/// </summary>
public class JitInlineLimitTests
{
    private const int MaxInlineLocals = 32; // MAX_INL_LCLS in src/coreclr/jit/inline.h
    private const int MaxInlineArguments = 32; // MAX_INL_ARGS (the 'this' pointer not counted)

    [Fact]
    public void EveryAggressivelyInlinedMethodIsWithinTheJitsInlineLimits()
    {
        Assembly library = typeof(BlackGreeks).Assembly;
        var tooBig = new List<string>();
        int checkedMethods = 0;
        foreach (Type type in library.GetTypes())
        {
            foreach (MethodBase m in Methods(type))
            {
                if ((m.MethodImplementationFlags & MethodImplAttributes.AggressiveInlining) == 0) continue;
                MethodBody? body = m.GetMethodBody();
                if (body is null) continue;
                checkedMethods++;
                int locals = body.LocalVariables.Count;
                int args = m.GetParameters().Length;
                if (locals > MaxInlineLocals || args > MaxInlineArguments)
                {
                    tooBig.Add($"{type.FullName}.{m.Name} ({m.GetGenericArguments().Length} type parameters): {locals} IL locals, {args} arguments");
                }
            }
        }

        Assert.True(checkedMethods > 100, $"only {checkedMethods} force-inlined methods found: is the attribute test wrong?");
        Assert.True(tooBig.Count == 0, "over the JIT's inline limits (split them):\n" + string.Join("\n", tooBig));
    }

    [Fact]
    public void TheFormulaItselfIsCheckedAndFits()
    {
        // The method that broke the limit once: found by the scan above and within both limits now.
        MethodInfo formula = typeof(BlackGreeks).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == nameof(BlackGreeks.RegularGivenLogMoneyness) && m.GetGenericArguments().Length == 4);
        Assert.True((formula.MethodImplementationFlags & MethodImplAttributes.AggressiveInlining) != 0);
        int locals = formula.GetMethodBody()!.LocalVariables.Count;
        Assert.InRange(locals, 1, MaxInlineLocals);
        Assert.InRange(formula.GetParameters().Length, 1, MaxInlineArguments);
    }

    private static IEnumerable<MethodBase> Methods(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (MethodInfo m in type.GetMethods(all)) yield return m;
        foreach (ConstructorInfo c in type.GetConstructors(all)) yield return c;
    }
}
