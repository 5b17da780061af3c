#include "EventListModel.h"

#include "store/Store.h"

#include <QDateTime>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero {

namespace {
// The Body column shows the start of the body on one line; the whole is in BodyRole.
constexpr qsizetype BodyPreviewChars = 160;
} // namespace

EventListModel::EventListModel(Store *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
}

void EventListModel::setProject(qint64 projectId)
{
    if (projectId == m_projectId)
        return;
    beginResetModel();
    m_projectId = projectId;
    m_events.clear();
    endResetModel();
}

StoreResult<bool> EventListModel::reload()
{
    if (m_projectId == 0)
        return true;
    QSqlQuery query(m_store->database());
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, relay_seq, type, received_at, body FROM events WHERE project_id = ? "
                  "ORDER BY received_at DESC, id DESC LIMIT %1"_s.arg(Limit));
    query.addBindValue(m_projectId);
    if (!query.exec())
        return StoreError{tr("Could not read the project's events."), query.lastError().text()};
    QList<Event> read;
    while (query.next())
        read.append({query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toString(),
                     query.value(3).toLongLong(), query.value(4).toString()});
    // New events arrive at the top: insert those, so rows already shown keep their selection.
    const qint64 newestShown = m_events.isEmpty() ? -1 : m_events.constFirst().id;
    qsizetype fresh = 0;
    while (fresh < read.size() && read.at(fresh).id != newestShown)
        ++fresh;
    if (newestShown >= 0 && fresh < read.size() && read.size() - fresh <= m_events.size()) {
        if (fresh > 0) {
            beginInsertRows({}, 0, int(fresh - 1));
            m_events = read.mid(0, fresh) + m_events;
            endInsertRows();
        }
        if (m_events.size() > read.size()) {
            beginRemoveRows({}, int(read.size()), int(m_events.size() - 1));
            m_events.resize(read.size());
            endRemoveRows();
        }
        return true;
    }
    beginResetModel();
    m_events = std::move(read);
    endResetModel();
    return true;
}

int EventListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const Event &event = m_events.at(index.row());
    if (role == BodyRole)
        return event.body;
    if (role == Qt::ToolTipRole && index.column() == Received)
        return QDateTime::fromMSecsSinceEpoch(event.receivedAtMs, Qt::UTC).toString(Qt::ISODateWithMs);
    if (role == Qt::TextAlignmentRole && index.column() == Seq)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Received:
        // Local time, as the window says in the header; the tooltip has UTC.
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(event.receivedAtMs), u"yyyy-MM-dd HH:mm:ss"_s);
    case Type:
        return event.type.isEmpty() ? tr("(no type)") : event.type;
    case Seq:
        return event.seq;
    case Body: {
        QString preview = event.body.left(BodyPreviewChars).simplified();
        if (event.body.size() > BodyPreviewChars)
            preview += u'…';
        return preview;
    }
    }
    return {};
}

QVariant EventListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Received:
        return tr("Received (local time)");
    case Type:
        return tr("Event");
    case Seq:
        return tr("Relay seq");
    case Body:
        return tr("Body");
    }
    return {};
}

} // namespace confero
