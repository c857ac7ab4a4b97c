using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;

namespace FaceFlash.Core.Tests.Emotions;

public sealed class EmotionLabelerTests
{
    private static float[] Apex(params ActionUnit[] aus)
    {
        var v = new float[ActionUnitInfo.Count];
        foreach (var au in aus) v[(int)au] = 1.2f;
        v[(int)ActionUnit.AU12] = Math.Max(v[(int)ActionUnit.AU12], Math.Max(v[(int)ActionUnit.AU12L], v[(int)ActionUnit.AU12R]));
        v[(int)ActionUnit.AU14] = Math.Max(v[(int)ActionUnit.AU14], Math.Max(v[(int)ActionUnit.AU14L], v[(int)ActionUnit.AU14R]));
        return v;
    }

    public static TheoryData<Emotion, ActionUnit[]> Prototypes() => new()
    {
        { Emotion.Happiness, [ActionUnit.AU06, ActionUnit.AU12, ActionUnit.AU12L, ActionUnit.AU12R] },
        { Emotion.Sadness, [ActionUnit.AU01, ActionUnit.AU04, ActionUnit.AU15] },
        { Emotion.Surprise, [ActionUnit.AU01, ActionUnit.AU02, ActionUnit.AU05, ActionUnit.AU26] },
        { Emotion.Fear, [ActionUnit.AU01, ActionUnit.AU02, ActionUnit.AU04, ActionUnit.AU05, ActionUnit.AU20, ActionUnit.AU26] },
        { Emotion.Anger, [ActionUnit.AU04, ActionUnit.AU05, ActionUnit.AU07, ActionUnit.AU23] },
        { Emotion.Disgust, [ActionUnit.AU09, ActionUnit.AU10] },
        { Emotion.Disgust, [ActionUnit.AU09, ActionUnit.AU15] },
        { Emotion.Contempt, [ActionUnit.AU12L, ActionUnit.AU14L] },
    };

    [Theory]
    [MemberData(nameof(Prototypes))]
    public void EachEmfacsPrototypeGetsItsEmotion(Emotion emotion, ActionUnit[] aus)
    {
        var label = new EmotionLabeler().Label(Apex(aus), ActionUnitSet.All, [], [], []);
        Assert.Equal(emotion, label.Emotion);
        Assert.InRange(label.Confidence, 0.7f, 1f);
    }

    [Fact]
    public void ASymmetricSmileIsHappinessNotContempt()
    {
        var label = new EmotionLabeler().Label(Apex(ActionUnit.AU06, ActionUnit.AU12L, ActionUnit.AU12R, ActionUnit.AU14L, ActionUnit.AU14R), ActionUnitSet.All, [], [], []);
        Assert.Equal(Emotion.Happiness, label.Emotion);
    }

    [Fact]
    public void AOneSidedSmileWithoutTheDimplerIsNotContempt()
    {
        var scores = new float[Enum.GetValues<Emotion>().Length];
        EmfacsRules.Score(Apex(ActionUnit.AU12L), ActionUnitSet.All, scores);
        Assert.Equal(0f, scores[(int)Emotion.Contempt]);
        EmfacsRules.Score(Apex(ActionUnit.AU12L, ActionUnit.AU14L), ActionUnitSet.All, scores);
        Assert.InRange(scores[(int)Emotion.Contempt], 0.7f, 1f);
    }

    [Fact]
    public void APrototypesAusArePresentFromAFifthOfTheStrongest()
    {
        // A sad brow as the tuning clips read it: the inner brow raised far, the lowering a quarter as much.
        var scores = new float[EmotionNames.All.Length];
        var apex = new float[ActionUnitInfo.Count];
        apex[(int)ActionUnit.AU01] = 2.4f;
        apex[(int)ActionUnit.AU04] = 0.6f;
        EmfacsRules.Score(apex, ActionUnitSet.All, scores);
        Assert.True(scores[(int)Emotion.Sadness] >= 0.3f, $"sadness {scores[(int)Emotion.Sadness]}");
        apex[(int)ActionUnit.AU04] = 0.3f; // an eighth: the inner brow alone, which is no prototype
        EmfacsRules.Score(apex, ActionUnitSet.All, scores);
        Assert.Equal(0f, scores.Max());
    }

    [Fact]
    public void OneLipCornerPulledAloneIsNotHappiness()
    {
        var scores = new float[EmotionNames.All.Length];
        EmfacsRules.Score(Apex(ActionUnit.AU12L, ActionUnit.AU12R), ActionUnitSet.All, scores);
        var bothCorners = scores[(int)Emotion.Happiness];
        Assert.True(bothCorners > 0.3f, $"both corners: {bothCorners}");
        var oneSided = Apex(ActionUnit.AU12L);
        oneSided[(int)ActionUnit.AU12R] = 0.4f; // the weaker corner under half the stronger
        EmfacsRules.Score(oneSided, ActionUnitSet.All, scores);
        Assert.Equal(0f, scores[(int)Emotion.Happiness]);
        // The weaker corner above half the stronger is still a smile; so is a one-sided one with the cheeks raised.
        var lopsided = Apex(ActionUnit.AU12L);
        lopsided[(int)ActionUnit.AU12R] = 0.8f;
        EmfacsRules.Score(lopsided, ActionUnitSet.All, scores);
        Assert.Equal(bothCorners, scores[(int)Emotion.Happiness]);
        oneSided[(int)ActionUnit.AU06] = 1.2f;
        EmfacsRules.Score(oneSided, ActionUnitSet.All, scores);
        Assert.InRange(scores[(int)Emotion.Happiness], 0.7f, 1f);
    }

    [Fact]
    public void ContemptWithTheSmilesPullOnItsSideScoresAboveTheDimplerAloneOnEitherSide()
    {
        var scores = new float[EmotionNames.All.Length];
        float Contempt(ActionUnit dimpler, ActionUnit pull)
        {
            var apex = Apex(dimpler);
            if (pull != dimpler) apex[(int)pull] = apex[(int)ActionUnit.AU12] = 0.6f; // half the dimpler
            EmfacsRules.Score(apex, ActionUnitSet.All, scores);
            return scores[(int)Emotion.Contempt];
        }
        var left = Contempt(ActionUnit.AU14L, ActionUnit.AU12L);
        Assert.Equal(left, Contempt(ActionUnit.AU14R, ActionUnit.AU12R)); // a face's left and right are alike to it
        Assert.Equal(Contempt(ActionUnit.AU14L, ActionUnit.AU14L), Contempt(ActionUnit.AU14R, ActionUnit.AU14R));
        // EMFACS's contempt is R14 or R12+R14: the pull on the dimpler's side adds to it.
        Assert.True(left > Contempt(ActionUnit.AU14L, ActionUnit.AU14L), $"R12+R14 {left} against R14 alone");
    }

    [Fact]
    public void WhatAPrototypeDoesNotExplainLowersItsScore()
    {
        var scores = new float[EmotionNames.All.Length];
        var apex = Apex(ActionUnit.AU14L);
        EmfacsRules.Score(apex, ActionUnitSet.All, scores);
        var alone = scores[(int)Emotion.Contempt];
        apex[(int)ActionUnit.AU04] = 0.6f; // the brows lowered half as far: no part of contempt
        EmfacsRules.Score(apex, ActionUnitSet.All, scores);
        // A third of the active mass (0.5 of 1.5) unexplained costs 0.35 of that share.
        Assert.Equal(alone - 0.35f * 0.5f / 1.5f, scores[(int)Emotion.Contempt], 5);
    }

    [Fact]
    public void AUsUnderAThirdOfTheStrongestDoNotCountAgainstAPrototype()
    {
        var scores = new float[EmotionNames.All.Length];
        var apex = Apex(ActionUnit.AU06, ActionUnit.AU12L, ActionUnit.AU12R);
        EmfacsRules.Score(apex, ActionUnitSet.All, scores);
        var smile = scores[(int)Emotion.Happiness];
        apex[(int)ActionUnit.AU04] = 0.3f; // a quarter of the strongest: noise beside a smile, not a frown
        EmfacsRules.Score(apex, ActionUnitSet.All, scores);
        Assert.Equal(smile, scores[(int)Emotion.Happiness]);
    }

    [Fact]
    public void AFaceAtRestScoresNoEmotionWhateverTheBufferHeld()
    {
        var scores = Enumerable.Repeat(1f, EmotionNames.All.Length).ToArray(); // the last event's scores, say
        EmfacsRules.Score(new float[ActionUnitInfo.Count], ActionUnitSet.All, scores);
        Assert.All(scores, s => Assert.Equal(0f, s));
    }

    private static readonly string[] Labels = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];
    private static readonly float[] NeutralAtRest = [0, 0, 0, 0, 0, 0, 1];

    [Fact]
    public void TheClassifierTipsAnAmbiguousFace()
    {
        // Brows and lids that fit surprise and fear alike; the classifier, which found the face neutral at rest, now says fear.
        var apex = Apex(ActionUnit.AU01, ActionUnit.AU02, ActionUnit.AU05);
        var rulesOnly = new EmotionLabeler().Label(apex, ActionUnitSet.All, [], [], Labels);
        var fused = new EmotionLabeler().Label(apex, ActionUnitSet.All, [0, 0, 0.95f, 0, 0, 0.05f, 0], NeutralAtRest, Labels);
        Assert.Equal(Emotion.Surprise, rulesOnly.Emotion);
        Assert.Equal(Emotion.Fear, fused.Emotion);
    }

    [Fact]
    public void WhatTheClassifierAlreadySawAtRestSaysNothingAboutTheMovement()
    {
        // A face it reads as happy whether it moves or not (as it read the muscle generator's portrait): the brows and
        // lip corners of sadness are labelled, and as confidently, as if it had not looked.
        var apex = Apex(ActionUnit.AU01, ActionUnit.AU04, ActionUnit.AU15);
        float[] happy = [0, 0, 0, 1, 0, 0, 0];
        var rulesOnly = new EmotionLabeler().Label(apex, ActionUnitSet.All, [], [], Labels);
        var fused = new EmotionLabeler().Label(apex, ActionUnitSet.All, happy, happy, Labels);
        Assert.Equal(Emotion.Sadness, fused.Emotion);
        Assert.Equal(rulesOnly.Confidence, fused.Confidence);
    }

    [Fact]
    public void WithoutARestingViewTheClassifierIsNotUsed()
    {
        var apex = Apex(ActionUnit.AU01, ActionUnit.AU02, ActionUnit.AU05);
        var label = new EmotionLabeler().Label(apex, ActionUnitSet.All, [0, 0, 0.95f, 0, 0, 0.05f, 0], [], Labels);
        Assert.Equal(Emotion.Surprise, label.Emotion);
    }

    [Fact]
    public void ANeutralClassifierLeavesTheRulesAlone()
    {
        var apex = Apex(ActionUnit.AU06, ActionUnit.AU12);
        var label = new EmotionLabeler().Label(apex, ActionUnitSet.All, [0.2f, 0, 0, 0, 0, 0, 0.8f], [0.2f, 0, 0, 0, 0, 0, 0.8f], Labels);
        Assert.Equal(Emotion.Happiness, label.Emotion);
    }

    [Fact]
    public void LipsDraggedByADroppingJawDoNotTakeASurpriseAway()
    {
        // Brows raised, the jaw dropped further, and the lips read as pressed, pulled and parted beside it (AU23, AU12,
        // AU25), as the muscle generator's surprises read. Counted as unexplained, those lips left surprise at 0.32.
        var apex = new float[ActionUnitInfo.Count];
        foreach (var (au, value) in new[] { (ActionUnit.AU01, 0.8f), (ActionUnit.AU02, 0.8f), (ActionUnit.AU05, 0.5f), (ActionUnit.AU26, 2f),
                     (ActionUnit.AU23, 1.6f), (ActionUnit.AU12, 1.4f), (ActionUnit.AU12L, 1.4f), (ActionUnit.AU12R, 1.4f), (ActionUnit.AU25, 1.2f) })
            apex[(int)au] = value;
        var label = new EmotionLabeler().Label(apex, ActionUnitSet.All, [], [], Labels);
        Assert.Equal(Emotion.Surprise, label.Emotion);
        Assert.InRange(label.Confidence, 0.4f, 1f);
        // Without the jaw drop nothing explains those lips: no prototype fits brows and lips together.
        apex[(int)ActionUnit.AU26] = 0;
        var scores = new float[EmotionNames.All.Length];
        EmfacsRules.Score(apex, ActionUnitSet.All, scores);
        Assert.True(scores[(int)Emotion.Surprise] < 0.4f, $"surprise {scores[(int)Emotion.Surprise]} without the jaw drop");
    }

    [Fact]
    public void AusListsWhatIsPresentWithOneSidedUnitsMarked()
    {
        var apex = Apex(ActionUnit.AU12R, ActionUnit.AU14R);
        Assert.Equal("AU12R+AU14R", EmotionLabeler.PresentAus(apex, Emotion.Contempt));
        Assert.Equal("AU06+AU12", EmotionLabeler.PresentAus(Apex(ActionUnit.AU06, ActionUnit.AU12), Emotion.Happiness));
    }
}
