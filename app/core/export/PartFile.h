#pragma once

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QString>

namespace confero {

// A file written as "<path>.part" and put in place by commit(): the complete part file is renamed
// over <path> in one step (rename(2)), so readers see the old file or the whole new one, and a
// discarded or failed write removes the part file and leaves <path> as it was. Unlike QSaveFile
// the part file has a name a person recognises in the folder while a long export runs.
// Writes are buffered here and handed to an unbuffered QFile in large blocks, so the operating
// system's own reason for a refused write (disk full, file too large) reaches errorMessage().
class PartFile final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartFile)

public:
    explicit PartFile(const QString &path, QObject *parent = nullptr);
    // Discards the part file unless committed.
    ~PartFile() override;

    static QString partPath(const QString &path);

    // Creates (or truncates) the part file for writing.
    bool create();
    // Writes what is buffered, closes the part file and renames it over the target.
    bool commit();
    // Closes and removes the part file.
    void discard();
    // Why the last operation failed, as a sentence for a person.
    QString errorMessage() const;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    bool writeBuffer();
    void setWriteError();

    QString m_path;
    QFile m_file;
    QByteArray m_buffer;
    QString m_error;
};

} // namespace confero
