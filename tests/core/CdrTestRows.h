#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QTimeZone>

namespace confero::test {

// A CDR row in the platform's shape (video-api.md 5.1), for tests that build their own windows.
struct CdrRowSpec
{
    QString cdrId;
    QString confNum = QStringLiteral("913");
    QString callNum;
    QString callLogId;
    QString roomId = QStringLiteral("65a0e1f2c3d4e5f6a7b8c9d0");
    QString name = QStringLiteral("Alice");
    QString userRef = QStringLiteral("u-1");
    QString role = QStringLiteral("participant");
    QDateTime connect = QDateTime(QDate(2025, 1, 10), QTime(9, 31, 5, 120), QTimeZone::utc());
    QDateTime disconnect = QDateTime(QDate(2025, 1, 10), QTime(10, 1, 10, 980), QTimeZone::utc());

    // Chained setters, since designated initializers that leave members out warn under -Wextra.
    CdrRowSpec &withCdrId(const QString &v)
    {
        cdrId = v;
        return *this;
    }
    CdrRowSpec &withConf(const QString &v)
    {
        confNum = v;
        return *this;
    }
    CdrRowSpec &withCall(const QString &num, const QString &logId)
    {
        callNum = num;
        callLogId = logId;
        return *this;
    }
    CdrRowSpec &withName(const QString &v)
    {
        name = v;
        return *this;
    }
    CdrRowSpec &withRef(const QString &v)
    {
        userRef = v;
        return *this;
    }
    CdrRowSpec &during(const QDateTime &from, const QDateTime &to)
    {
        connect = from;
        disconnect = to;
        return *this;
    }
};

QString isoMs(const QDateTime &time);
QJsonObject cdrRow(const CdrRowSpec &spec);

} // namespace confero::test
