using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Rules;
using VixShield.Compute.Engines;
using Xunit;

namespace VixShield.Compute.Tests.DependencyInjection;

public sealed class AddVixShieldComputeTests
{
    [Fact]
    public void Defaults_RegisterOneSimdEngine_SharedByTheBookServices()
    {
        using ServiceProvider sp = new ServiceCollection().AddVixShieldCompute().BuildServiceProvider();
        sp.GetRequiredService<IStartupValidator>().Validate();
        var engine = sp.GetRequiredService<IGreeksEngine>();
        Assert.Equal("simd", engine.Info.Name); // no GPU provider registered: Auto is the SIMD CPU engine
        Assert.Same(engine, sp.GetRequiredService<IGreeksEngine>());
        Assert.Same(engine, sp.GetRequiredService<BookValuator>().Engine);
        Assert.NotNull(sp.GetRequiredService<BookRiskAnalyzer>());
        Assert.NotNull(sp.GetRequiredService<RuleEngine>());
    }

    [Fact]
    public void Options_ChooseTheEngine_AndItsThreads()
    {
        using ServiceProvider scalar = new ServiceCollection().AddVixShieldCompute(o => o.Engine = EnginePreference.Scalar).BuildServiceProvider();
        Assert.Equal("scalar", scalar.GetRequiredService<IGreeksEngine>().Info.Name);
        using ServiceProvider simd = new ServiceCollection().AddVixShieldCompute(o => o.MaxDegreeOfParallelism = 3).BuildServiceProvider();
        Assert.Equal(3, simd.GetRequiredService<IGreeksEngine>().Info.Threads);
    }

    [Theory]
    [InlineData(0, EnginePreference.Simd, "MaxDegreeOfParallelism must be at least 1")]
    [InlineData(null, EnginePreference.Gpu, "AddVixShieldComputeGpu()")]
    [InlineData(null, (EnginePreference)42, "is not an EnginePreference")]
    public void BadOptions_FailAtStart_WithWhatToDo(int? threads, EnginePreference engine, string expected)
    {
        using ServiceProvider sp = new ServiceCollection()
            .AddVixShieldCompute(o => (o.MaxDegreeOfParallelism, o.Engine) = (threads, engine)).BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gpu_RegistersTheIlgpuProvider_AndLogsThroughTheHost()
    {
        var sink = new ListLoggerProvider();
        using ServiceProvider sp = new ServiceCollection()
            .AddLogging(b => b.AddProvider(sink))
            .AddVixShieldComputeGpu(o => o.Engine = EnginePreference.IlgpuCpu)
            .BuildServiceProvider();
        sp.GetRequiredService<IStartupValidator>().Validate();
        var engine = sp.GetRequiredService<IGreeksEngine>();
        Assert.Equal(EngineKind.Gpu, engine.Info.Kind);
        Assert.Equal("ilgpu-cpu", engine.Info.Name);
        Assert.Contains(sink.Messages, m => m.StartsWith("Greeks engine selected: ", StringComparison.Ordinal));
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Sink(this);

        public void Dispose()
        {
        }

        private sealed class Sink(ListLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Messages) owner.Messages.Add(formatter(state, exception));
            }
        }
    }
}
