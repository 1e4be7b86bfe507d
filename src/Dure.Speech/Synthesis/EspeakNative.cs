using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dure.Speech.Synthesis;

/// <summary>The few calls of libespeak-ng (Debian <c>libespeak-ng1</c>, speak_lib.h) Dure uses.</summary>
internal static unsafe partial class EspeakNative
{
    private const string Library = "libespeak-ng.so.1";

    public const int AudioOutputSynchronous = 2;
    public const int PositionCharacter = 1;
    public const uint CharsUtf8 = 1;
    public const int ParameterRate = 1;
    public const int Ok = 0;

    [LibraryImport(Library, EntryPoint = "espeak_Initialize", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Initialize(int output, int bufferMilliseconds, string? path, int options);

    [LibraryImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    public static partial void SetSynthCallback(delegate* unmanaged[Cdecl]<short*, int, nint, int> callback);

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    [LibraryImport(Library, EntryPoint = "espeak_SetParameter")]
    public static partial int SetParameter(int parameter, int value, int relative);

    [LibraryImport(Library, EntryPoint = "espeak_Synth")]
    public static partial int Synth(byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags,
        uint* uniqueIdentifier, nint userData);

    [LibraryImport(Library, EntryPoint = "espeak_Synchronize")]
    public static partial int Synchronize();
}
