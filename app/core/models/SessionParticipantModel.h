#pragma once

#include "store/CdrPage.h"

#include <QAbstractTableModel>
#include <QList>

namespace confero {

class CdrQuery;
class Store;

// The participant rows of one session, in join order: the Sessions page's detail pane. A row is one
// connection, so a person who rejoined has several rows; PersonRole groups them (user ref, else
// name), which is how the timeline puts a rejoin on one line. A session has at most a few hundred
// rows, read through CdrQuery with its conf number (an indexed lookup) on the calling thread.
class SessionParticipantModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionParticipantModel)

public:
    enum Column { Name, UserRef, Role, Joined, Left, Duration, Agent, ColumnCount };
    Q_ENUM(Column)

    enum DataRole {
        PersonRole = Qt::UserRole + 1, // QString: who the row is (user ref, else name)
        ConnectMsRole, // qint64, UTC Unix ms
        DisconnectMsRole, // qint64, UTC Unix ms
        RowIdRole, // qint64: participants.id
    };

    SessionParticipantModel(Store *store, qint64 projectId, QObject *parent = nullptr);
    ~SessionParticipantModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Shows the session's rows (none for an empty conf number). False when they could not be read:
    // the model is then empty and errorString() says why.
    bool setSession(const QString &confNum);
    QString confNum() const;
    QString errorString() const;

private:
    CdrQuery *m_query;
    QString m_confNum;
    QList<CdrStoredRow> m_rows;
    QString m_error;
};

} // namespace confero
