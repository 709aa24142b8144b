using VixShield.Compute.Scenarios;
using Xunit;

namespace VixShield.Compute.Tests.Scenarios;

public sealed class PhiloxTests
{
    /// <summary>Random123's kat_vectors, the three philox4x32 10 lines: counter[4] key[2] → output[4].</summary>
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void KnownAnswerVectors(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        Philox4x32.Block(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Assert.Equal(new[] { e0, e1, e2, e3 }, new[] { c0, c1, c2, c3 });
    }

    [Fact]
    public void UniformsAreInsideTheOpenInterval()
    {
        Assert.Equal(Math.Pow(2, -53), Philox4x32.Uniform(0, 0));
        Assert.Equal(1.0 - Math.Pow(2, -53), Philox4x32.Uniform(uint.MaxValue, uint.MaxValue));
    }
}
