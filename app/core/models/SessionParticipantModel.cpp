#include "SessionParticipantModel.h"

#include "Logging.h"
#include "store/CdrQuery.h"

#include <QDateTime>

#include <cmath>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

// More connections than any session has (the platform caps a room at a few hundred people); the
// query is bounded all the same.
constexpr int kMaxRows = 20000;

QString localTime(qint64 ms)
{
    return ms == 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(u"HH:mm:ss"_s);
}

QString hms(double seconds)
{
    const qint64 s = std::llround(seconds);
    return u"%1:%2:%3"_s.arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar(u'0')).arg(s % 60, 2, 10, QChar(u'0'));
}

} // namespace

SessionParticipantModel::SessionParticipantModel(Store *store, qint64 projectId, QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(new CdrQuery(store, projectId, this))
{
}

SessionParticipantModel::~SessionParticipantModel() = default;

int SessionParticipantModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SessionParticipantModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SessionParticipantModel::confNum() const
{
    return m_confNum;
}

QString SessionParticipantModel::errorString() const
{
    return m_error;
}

bool SessionParticipantModel::setSession(const QString &confNum)
{
    beginResetModel();
    m_confNum = confNum;
    m_rows.clear();
    m_error.clear();
    bool ok = true;
    if (!confNum.isEmpty()) {
        CdrFilter filter;
        filter.confNum = confNum;
        const StoreResult<CdrPage> read = m_query->page(filter, CdrSort(), kMaxRows);
        if (read) {
            m_rows = read.value().rows;
        } else {
            m_error = read.error().message;
            qCWarning(lcModels) << m_error << read.error().detail;
            ok = false;
        }
    }
    endResetModel();
    return ok;
}

QVariant SessionParticipantModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CdrRow &row = m_rows.at(index.row()).row;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return row.name;
        case UserRef:
            return row.userRef;
        case Role:
            return row.role;
        case Joined:
            return localTime(row.connectMs);
        case Left:
            return localTime(row.disconnectMs);
        case Duration:
            return hms(row.durationS);
        case Agent:
            return row.agent;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Joined || index.column() == Left) {
            const qint64 ms = index.column() == Joined ? row.connectMs : row.disconnectMs;
            return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s);
        }
        if (index.column() == Name && !row.problems.isEmpty())
            return tr("Stored with problems: %1").arg(row.problems.join(u"; "_s));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Duration)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PersonRole:
        return row.userRef.isEmpty() ? row.name : row.userRef;
    case ConnectMsRole:
        return row.connectMs;
    case DisconnectMsRole:
        return row.disconnectMs;
    case RowIdRole:
        return m_rows.at(index.row()).id;
    default:
        return {};
    }
}

QVariant SessionParticipantModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case UserRef:
        return tr("User ref");
    case Role:
        return tr("Role");
    case Joined:
        return tr("Joined");
    case Left:
        return tr("Left");
    case Duration:
        return tr("Duration");
    case Agent:
        return tr("Device");
    default:
        return {};
    }
}

QHash<int, QByteArray> SessionParticipantModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(PersonRole, "person");
    names.insert(ConnectMsRole, "connectMs");
    names.insert(DisconnectMsRole, "disconnectMs");
    names.insert(RowIdRole, "rowId");
    return names;
}

} // namespace confero
