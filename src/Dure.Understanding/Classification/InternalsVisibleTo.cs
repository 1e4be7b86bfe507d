using System.Runtime.CompilerServices;

// The tokenizer's Korean splitting is tested directly: a slot can only end where a token ends.
[assembly: InternalsVisibleTo("Dure.Understanding.Tests")]
