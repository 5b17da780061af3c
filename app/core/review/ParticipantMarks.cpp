#include "ParticipantMarks.h"

#include "ReviewDocument.h"

#include "domain/CdrRow.h"
#include "domain/JsonRead.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

constexpr qsizetype kMaxTextLength = 256;

void sortByJoin(QList<ParticipantSpan> *spans)
{
    std::stable_sort(spans->begin(), spans->end(),
                     [](const ParticipantSpan &a, const ParticipantSpan &b) { return a.joinMs < b.joinMs; });
}

// An offset in ms given as a number or digits; nothing when absent or outside a year.
std::optional<qint64> offsetOf(const QJsonValue &value)
{
    constexpr double kMaxMs = 366.0 * 24 * 3600 * 1000;
    double ms = -1;
    if (value.isDouble()) {
        ms = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        const qlonglong parsed = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            ms = double(parsed);
    }
    if (!std::isfinite(ms) || ms < 0 || ms > kMaxMs)
        return std::nullopt;
    return qint64(ms);
}

// The offset member, else the time member less the session's start.
std::optional<qint64> placed(const QJsonObject &object, QStringView offsetKey, QStringView timeKey, qint64 startMs)
{
    if (const std::optional<qint64> offset = offsetOf(object.value(offsetKey)))
        return offset;
    if (startMs <= 0)
        return std::nullopt;
    const QDateTime at = json::toUtcDateTime(object.value(timeKey));
    if (!at.isValid())
        return std::nullopt;
    return offsetOf(QJsonValue(double(at.toMSecsSinceEpoch() - startMs)));
}

} // namespace

ParticipantMarks ParticipantMarks::fromCdrRows(const QList<CdrRow> &rows)
{
    ParticipantMarks marks;
    for (const CdrRow &row : rows) {
        if (row.connectMs <= 0)
            continue;
        if (marks.sessionStartMs == 0 || row.connectMs < marks.sessionStartMs)
            marks.sessionStartMs = row.connectMs;
        marks.sessionEndMs = std::max({marks.sessionEndMs, row.connectMs, row.disconnectMs});
    }
    for (const CdrRow &row : rows) {
        if (row.connectMs <= 0) {
            ++marks.skipped;
            continue;
        }
        ParticipantSpan span;
        span.person = row.userRef.isEmpty() ? row.name : row.userRef;
        span.name = row.name.isEmpty() ? row.userRef : row.name;
        span.role = row.role;
        span.joinMs = row.connectMs - marks.sessionStartMs;
        // A row still open (or without its leave time) lasts to the session's end.
        span.leaveMs =
            (row.disconnectMs >= row.connectMs ? row.disconnectMs : marks.sessionEndMs) - marks.sessionStartMs;
        marks.spans.append(span);
    }
    sortByJoin(&marks.spans);
    return marks;
}

std::optional<ParticipantMarks> ParticipantMarks::fromMetadata(const QByteArray &json, QString *error)
{
    std::optional<ReviewDocument> document =
        ReviewDocument::read(json, MaxDocumentBytes, u"participants"_s, MaxParticipants,
                             QCoreApplication::translate("ParticipantMarks", "The metadata file"),
                             QCoreApplication::translate("ParticipantMarks", "participants"), error);
    if (!document)
        return {};
    const QJsonObject &root = document->root;
    const QJsonArray &participants = document->list;

    ParticipantMarks marks;
    const QDateTime start = json::toUtcDateTime(root.value(u"start"));
    const QDateTime end = json::toUtcDateTime(root.value(u"end"));
    marks.sessionStartMs = start.isValid() ? start.toMSecsSinceEpoch() : 0;
    marks.sessionEndMs = end.isValid() && start.isValid() && end >= start ? end.toMSecsSinceEpoch() : 0;
    const qint64 lengthMs = marks.sessionEndMs > 0 ? marks.sessionEndMs - marks.sessionStartMs : -1;
    for (const auto &item : participants) {
        const QJsonObject object = item.toObject();
        const std::optional<qint64> join = placed(object, u"join_offset_ms", u"join", marks.sessionStartMs);
        if (!join) {
            ++marks.skipped;
            continue;
        }
        std::optional<qint64> leave = placed(object, u"leave_offset_ms", u"leave", marks.sessionStartMs);
        if (!leave || *leave < *join)
            leave = lengthMs >= *join ? lengthMs : *join; // still there when the file was written
        ParticipantSpan span;
        span.name = json::toString(object.value(u"name")).left(kMaxTextLength);
        const QString ref = json::toString(object.value(u"user_ref")).left(kMaxTextLength);
        span.person = ref.isEmpty() ? span.name : ref;
        if (span.name.isEmpty())
            span.name = ref;
        span.role = json::toString(object.value(u"role")).left(kMaxTextLength);
        span.joinMs = *join;
        span.leaveMs = *leave;
        marks.spans.append(span);
    }
    sortByJoin(&marks.spans);
    return marks;
}

} // namespace confero
