#pragma once

#include <QString>

struct sqlite3;

namespace confero {

// The call-record search one row at a time: the SQL function `confero_contains(text, needle)`,
// true when `text` contains `needle` exactly as the trigram index of migration 3 matches a phrase
// (its tokenizer folds case the same way, character by character, and a phrase of trigrams is a
// run of characters). CdrQuery walks an index in order with it and counts with the trigram index,
// and both find the same rows. It asks SQLite's FTS5 for its own trigram tokenizer, so the folding
// is FTS5's, not a copy of it.
//
// A needle of fewer than three characters is never contained (the index has no trigram of it;
// CdrQuery searches for such needles with LIKE).
class TrigramContains
{
public:
    // Registers the function on a SQLite connection; false and `error` when it cannot (no FTS5).
    static bool install(sqlite3 *db, QString *error);
};

} // namespace confero
