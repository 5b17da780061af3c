#include "DownloadError.h"

using namespace Qt::StringLiterals;

namespace confero {

QString DownloadError::message() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Network:
        return tr("%1 could not be downloaded: the connection failed (%2). The part already downloaded is kept; "
                  "it resumes when you retry.")
            .arg(fileName, detail);
    case Kind::Auth:
        return tr("%1: the server refused the recording-file user name or password. Check them in the project's "
                  "settings (they are not the App ID and App Key).")
            .arg(fileName);
    case Kind::LinkExpired:
        return tr("%1: the download link has expired and the archive gave no working one (%2).").arg(fileName, detail);
    case Kind::DiskFull:
        return tr("%1: the disk is full (%2). Free some space; the part already downloaded is kept and the "
                  "download resumes from it.")
            .arg(fileName, detail);
    case Kind::QuotaReached:
        return tr("%1: the recordings library would grow past its quota (%2). Delete local copies or raise the "
                  "quota in the storage policy, then resume; the part already downloaded is kept.")
            .arg(fileName, detail);
    case Kind::WriteFailed:
        return tr("%1 could not be written: %2. The part already downloaded is kept.").arg(fileName, detail);
    case Kind::SizeMismatch:
        return tr("%1: the server's sizes for the file did not agree (%2).").arg(fileName, detail);
    case Kind::ChecksumMismatch:
        return tr("%1: the downloaded file differs from the server's checksum, even after downloading it again.")
            .arg(fileName);
    case Kind::Server:
        return tr("%1: the server answered %2.").arg(fileName, detail);
    case Kind::Cancelled:
        return tr("%1: the download was cancelled.").arg(fileName);
    }
    return {};
}

namespace {

const std::pair<DownloadError::Kind, const char16_t *> kindNames[] = {
    {DownloadError::Kind::None, u""},
    {DownloadError::Kind::Network, u"network"},
    {DownloadError::Kind::Auth, u"auth"},
    {DownloadError::Kind::LinkExpired, u"link_expired"},
    {DownloadError::Kind::DiskFull, u"disk_full"},
    {DownloadError::Kind::QuotaReached, u"quota"},
    {DownloadError::Kind::WriteFailed, u"write_failed"},
    {DownloadError::Kind::SizeMismatch, u"size_mismatch"},
    {DownloadError::Kind::ChecksumMismatch, u"checksum_mismatch"},
    {DownloadError::Kind::Server, u"server"},
    {DownloadError::Kind::Cancelled, u"cancelled"},
};

} // namespace

QString DownloadError::kindName(Kind kind)
{
    for (const auto &[value, name] : kindNames) {
        if (value == kind)
            return QString::fromUtf16(name);
    }
    return {};
}

DownloadError::Kind DownloadError::kindFromName(const QString &name)
{
    for (const auto &[value, text] : kindNames) {
        if (name == QStringView(text))
            return value;
    }
    return Kind::None;
}

} // namespace confero
