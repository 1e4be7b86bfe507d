using Dure.Understanding.Classification;

namespace Dure.Understanding.Tests.Classification;

/// <summary>The hand-written partner fixtures, trained once per test run (a few milliseconds each).</summary>
internal static class Fixtures
{
    private static readonly Lazy<TrainingFile> HotelFile = new(() => Load("hotel-intents.yaml"));
    private static readonly Lazy<IntentModel> HotelModel = new(() => IntentModel.Train(HotelFile.Value.Examples));
    private static readonly Lazy<IntentModel> CarModel = new(() => IntentModel.Train(Load("car-intents.json").Examples));

    public static TrainingFile Hotel => HotelFile.Value;

    public static IntentModel HotelIntents => HotelModel.Value;

    public static IntentModel CarIntents => CarModel.Value;

    public static TrainingFile Load(string name) =>
        TrainingFile.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Classification", name)), name);

    /// <summary>The predicted slots as "name=words" strings.</summary>
    public static string[] SlotsOf(IntentPrediction prediction) =>
        [.. prediction.Slots.Select(s => $"{s.Name}={prediction.SlotText(s)}")];
}
