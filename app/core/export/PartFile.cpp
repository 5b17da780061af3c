#include "PartFile.h"

#include <QCoreApplication>
#include <QDir>

#include <filesystem>
#include <system_error>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class PartFileText
{
    Q_DECLARE_TR_FUNCTIONS(confero::PartFile)
};

// Large enough that a million-row export is a few thousand write(2) calls.
constexpr qsizetype kBlock = 256 * 1024;

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

std::filesystem::path fsPath(const QString &path)
{
    return std::filesystem::path(path.toStdU16String());
}

} // namespace

PartFile::PartFile(const QString &path, QObject *parent)
    : QIODevice(parent)
    , m_path(path)
    , m_file(partPath(path))
{
}

PartFile::~PartFile()
{
    if (isOpen())
        discard();
}

QString PartFile::partPath(const QString &path)
{
    return path + u".part"_s;
}

bool PartFile::create()
{
    m_error.clear();
    // Unbuffered: this class buffers, and QFile's own buffer would hide errno behind "Unknown error".
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        m_error = PartFileText::tr("Could not create %1: %2. Choose a folder you can write to.")
                      .arg(shown(m_file.fileName()), m_file.errorString());
        return false;
    }
    m_buffer.reserve(kBlock);
    return QIODevice::open(QIODevice::WriteOnly);
}

bool PartFile::commit()
{
    if (!isOpen())
        return false;
    if (!writeBuffer()) {
        discard();
        return false;
    }
    m_file.close();
    QIODevice::close();
    if (m_file.error() != QFileDevice::NoError) {
        setWriteError();
        QFile::remove(m_file.fileName());
        return false;
    }
    std::error_code error;
    std::filesystem::rename(fsPath(m_file.fileName()), fsPath(m_path), error);
    if (error) {
        m_error = PartFileText::tr("Could not replace %1 with the export: %2.")
                      .arg(shown(m_path), QString::fromStdString(error.message()));
        QFile::remove(m_file.fileName());
        return false;
    }
    return true;
}

void PartFile::discard()
{
    m_buffer.clear();
    m_file.close();
    QFile::remove(m_file.fileName());
    QIODevice::close();
}

QString PartFile::errorMessage() const
{
    return m_error;
}

qint64 PartFile::readData(char *, qint64)
{
    return -1;
}

qint64 PartFile::writeData(const char *data, qint64 size)
{
    m_buffer.append(data, size);
    if (m_buffer.size() >= kBlock && !writeBuffer())
        return -1;
    return size;
}

bool PartFile::writeBuffer()
{
    // A write the disk can only partly take returns short without an error; the next one says why.
    qint64 done = 0;
    while (done < m_buffer.size()) {
        const qint64 written = m_file.write(m_buffer.constData() + done, m_buffer.size() - done);
        if (written <= 0) {
            setWriteError();
            return false;
        }
        done += written;
    }
    m_buffer.resize(0); // keeps the block's capacity
    return true;
}

void PartFile::setWriteError()
{
    // Qt reports ENOSPC (and a full quota) as a ResourceError.
    if (m_file.error() == QFileDevice::ResourceError)
        m_error = PartFileText::tr("The disk is full: %1 could not be written. Free some space or choose another "
                                   "folder.")
                      .arg(shown(m_file.fileName()));
    else
        m_error = PartFileText::tr("Could not write %1: %2.").arg(shown(m_file.fileName()), m_file.errorString());
    setErrorString(m_error);
}

} // namespace confero
