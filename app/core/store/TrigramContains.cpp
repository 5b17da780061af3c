#include "TrigramContains.h"

#include <QByteArray>

#include <sqlite3.h>

#include <memory>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

// FTS5's trigram tokenizer, made once per connection with the index's options (the defaults:
// case folded).
struct Tokenizer
{
    fts5_tokenizer methods{};
    Fts5Tokenizer *instance = nullptr;

    Tokenizer() = default;
    Tokenizer(const Tokenizer &) = delete;
    Tokenizer &operator=(const Tokenizer &) = delete;
    ~Tokenizer()
    {
        if (instance)
            methods.xDelete(instance);
    }
};

fts5_api *fts5Api(sqlite3 *db)
{
    // The documented way to reach FTS5's API from C: it hands its pointer to "SELECT fts5(?)".
    fts5_api *api = nullptr;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

// A text as the tokenizer folds it: its trigrams overlap by two characters, so the first one whole
// and then the last character of each one after it. A text of fewer than three characters has
// no trigram and folds to nothing.
struct Folding
{
    QByteArray text;
    bool first = true;
};

int collectTrigram(void *context, int /*flags*/, const char *token, int size, int /*start*/, int /*end*/)
{
    auto *folding = static_cast<Folding *>(context);
    if (folding->first) {
        folding->text.append(token, size);
        folding->first = false;
        return SQLITE_OK;
    }
    // The token's last character: back over UTF-8 continuation bytes (10xxxxxx).
    int last = size;
    do {
        --last;
    } while (last > 0 && (static_cast<unsigned char>(token[last]) & 0xC0) == 0x80);
    folding->text.append(token + last, size - last);
    return SQLITE_OK;
}

bool fold(const Tokenizer &tokenizer, sqlite3_value *value, QByteArray *folded)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(value));
    const int size = sqlite3_value_bytes(value);
    Folding folding;
    if (text && size > 0
        && tokenizer.methods.xTokenize(tokenizer.instance, &folding, FTS5_TOKENIZE_DOCUMENT, text, size, collectTrigram)
            != SQLITE_OK)
        return false;
    *folded = std::move(folding.text);
    return true;
}

void contains(sqlite3_context *context, int /*argc*/, sqlite3_value **args)
{
    const auto *tokenizer = static_cast<const Tokenizer *>(sqlite3_user_data(context));
    // The needle is the same for every row of a statement: folded once and kept with it (SQLite
    // may drop what it keeps at any time; then it is folded again).
    QByteArray needle;
    if (const auto *kept = static_cast<const QByteArray *>(sqlite3_get_auxdata(context, 1))) {
        needle = *kept;
    } else {
        if (!fold(*tokenizer, args[1], &needle)) {
            sqlite3_result_error(context, "confero_contains: the searched text could not be folded", -1);
            return;
        }
        sqlite3_set_auxdata(context, 1, new QByteArray(needle),
                            [](void *kept) { delete static_cast<QByteArray *>(kept); });
    }
    if (needle.isEmpty()) {
        sqlite3_result_int(context, 0);
        return;
    }
    QByteArray text;
    if (!fold(*tokenizer, args[0], &text)) {
        sqlite3_result_error(context, "confero_contains: a text could not be folded", -1);
        return;
    }
    // Both are UTF-8, which synchronises itself: a match never starts inside a character.
    sqlite3_result_int(context, text.contains(needle) ? 1 : 0);
}

} // namespace

bool TrigramContains::install(sqlite3 *db, QString *error)
{
    fts5_api *api = fts5Api(db);
    if (!api) {
        *error = u"This SQLite has no FTS5."_s;
        return false;
    }
    auto tokenizer = std::make_unique<Tokenizer>();
    void *userData = nullptr;
    if (api->xFindTokenizer(api, "trigram", &userData, &tokenizer->methods) != SQLITE_OK) {
        *error = u"This SQLite's FTS5 has no trigram tokenizer."_s;
        return false;
    }
    if (tokenizer->methods.xCreate(userData, nullptr, 0, &tokenizer->instance) != SQLITE_OK) {
        tokenizer->instance = nullptr;
        *error = u"FTS5's trigram tokenizer could not be made."_s;
        return false;
    }
    // SQLite owns the tokenizer from here, and destroys it with the connection (or at once if the
    // function cannot be made).
    const int code = sqlite3_create_function_v2(db, "confero_contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                                tokenizer.release(), contains, nullptr, nullptr,
                                                [](void *owned) { delete static_cast<Tokenizer *>(owned); });
    if (code != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        return false;
    }
    return true;
}

} // namespace confero
