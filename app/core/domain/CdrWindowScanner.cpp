#include "CdrWindowScanner.h"

namespace confero {

namespace {

class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_text(text)
    {
    }

    void skipSpace()
    {
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_at;
        }
    }
    bool atEnd() const { return m_at >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_at]; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_at;
        return true;
    }
    qsizetype position() const { return m_at; }

    // A string from its opening quote; its raw text (escapes left as they are) in *raw.
    bool string(QByteArrayView *raw)
    {
        if (!take('"'))
            return false;
        const qsizetype start = m_at;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c == '"') {
                if (raw)
                    *raw = m_text.sliced(start, m_at - start);
                ++m_at;
                return true;
            }
            m_at += c == '\\' ? 2 : 1;
        }
        return false;
    }

    // Any value: strings and nesting followed exactly, numbers and words up to what ends them.
    bool value()
    {
        const char first = peek();
        if (first == '"')
            return string(nullptr);
        if (first == '{' || first == '[') {
            int depth = 0;
            while (m_at < m_text.size()) {
                const char c = m_text[m_at];
                if (c == '"') {
                    if (!string(nullptr))
                        return false;
                    continue;
                }
                if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        ++m_at;
                        return true;
                    }
                }
                ++m_at;
            }
            return false;
        }
        const qsizetype start = m_at;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
                break;
            ++m_at;
        }
        return m_at > start;
    }

private:
    QByteArrayView m_text;
    qsizetype m_at = 0;
};

} // namespace

std::optional<QList<QByteArrayView>> CdrWindowScanner::rows(const QByteArray &body)
{
    Scanner scan(body);
    scan.skipSpace();
    if (!scan.take('{'))
        return std::nullopt;
    std::optional<QList<QByteArrayView>> found;
    scan.skipSpace();
    if (!scan.take('}')) {
        while (true) {
            scan.skipSpace();
            QByteArrayView key;
            if (!scan.string(&key))
                return std::nullopt;
            scan.skipSpace();
            if (!scan.take(':'))
                return std::nullopt;
            scan.skipSpace();
            // A key spelled with escapes could be "cdr" too; reading the body whole settles it.
            if (key.contains('\\'))
                return std::nullopt;
            if (key == "cdr") {
                if (found || scan.peek() != '[')
                    return std::nullopt; // twice, or not an array: the whole reading decides
                found.emplace();
                scan.take('[');
                scan.skipSpace();
                if (!scan.take(']')) {
                    while (true) {
                        scan.skipSpace();
                        const qsizetype start = scan.position();
                        if (!scan.value())
                            return std::nullopt;
                        found->append(QByteArrayView(body).sliced(start, scan.position() - start));
                        scan.skipSpace();
                        if (scan.take(']'))
                            break;
                        if (!scan.take(','))
                            return std::nullopt;
                    }
                }
            } else if (!scan.value()) {
                return std::nullopt;
            }
            scan.skipSpace();
            if (scan.take('}'))
                break;
            if (!scan.take(','))
                return std::nullopt;
        }
    }
    scan.skipSpace();
    if (!scan.atEnd() || !found)
        return std::nullopt;
    return found;
}

} // namespace confero
