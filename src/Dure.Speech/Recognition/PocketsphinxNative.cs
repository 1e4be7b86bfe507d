using System.Runtime.InteropServices;

namespace Dure.Speech.Recognition;

/// <summary>
/// The calls of libpocketsphinx 5prealpha (Debian <c>libpocketsphinx3</c>) and its sphinxbase configuration parser that
/// Dure uses. A decoder is not thread-safe; <see cref="PocketsphinxRecognizer"/> gives each session its own.
/// </summary>
internal static unsafe partial class PocketsphinxNative
{
    private const string Decoder = "libpocketsphinx.so.3";
    private const string Base = "libsphinxbase.so.3";

    [LibraryImport(Decoder, EntryPoint = "ps_args")]
    public static partial nint Arguments();

    [LibraryImport(Decoder, EntryPoint = "ps_init")]
    public static partial nint Init(nint config);

    [LibraryImport(Decoder, EntryPoint = "ps_free")]
    public static partial int Free(nint decoder);

    [LibraryImport(Decoder, EntryPoint = "ps_set_jsgf_string", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetJsgfString(nint decoder, string name, string grammar);

    [LibraryImport(Decoder, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetSearch(nint decoder, string name);

    [LibraryImport(Decoder, EntryPoint = "ps_unset_search", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnsetSearch(nint decoder, string name);

    [LibraryImport(Decoder, EntryPoint = "ps_start_stream")]
    public static partial int StartStream(nint decoder);

    [LibraryImport(Decoder, EntryPoint = "ps_start_utt")]
    public static partial int StartUtterance(nint decoder);

    [LibraryImport(Decoder, EntryPoint = "ps_process_raw")]
    public static partial int ProcessRaw(nint decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(Decoder, EntryPoint = "ps_end_utt")]
    public static partial int EndUtterance(nint decoder);

    [LibraryImport(Decoder, EntryPoint = "ps_get_hyp")]
    public static partial nint Hypothesis(nint decoder, int* bestScore);

    [LibraryImport(Base, EntryPoint = "cmd_ln_parse_r")]
    public static partial nint ParseArguments(nint config, nint definitions, int argc, nint* argv, int strict);

    [LibraryImport(Base, EntryPoint = "cmd_ln_free_r")]
    public static partial int FreeArguments(nint config);

    [LibraryImport(Base, EntryPoint = "err_set_logfp")]
    public static partial void SetLogFile(nint file);

    public static string? String(nint utf8) => utf8 == 0 ? null : Marshal.PtrToStringUTF8(utf8);
}
