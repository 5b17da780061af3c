#include "DownloadRecord.h"

using namespace Qt::StringLiterals;

namespace confero {

namespace {

const std::pair<DownloadRecord::State, const char16_t *> stateNames[] = {
    {DownloadRecord::State::Queued, u"queued"},   {DownloadRecord::State::Running, u"running"},
    {DownloadRecord::State::Paused, u"paused"},   {DownloadRecord::State::Done, u"done"},
    {DownloadRecord::State::Failed, u"failed"},   {DownloadRecord::State::Cancelled, u"cancelled"},
    {DownloadRecord::State::Removed, u"removed"},
};

} // namespace

QString DownloadRecord::stateName(State state)
{
    for (const auto &[value, name] : stateNames) {
        if (value == state)
            return QString::fromUtf16(name);
    }
    return {};
}

DownloadRecord::State DownloadRecord::stateFromName(const QString &name)
{
    for (const auto &[value, text] : stateNames) {
        if (name == QStringView(text))
            return value;
    }
    return State::Queued;
}

ArchiveFile::Kind DownloadRecord::kindFromName(const QString &name)
{
    for (const ArchiveFile::Kind kind : {ArchiveFile::Kind::Recording, ArchiveFile::Kind::Transcoded,
                                         ArchiveFile::Kind::ChatData, ArchiveFile::Kind::Metadata}) {
        if (ArchiveFile::kindName(kind) == name)
            return kind;
    }
    return ArchiveFile::Kind::Transcoded;
}

} // namespace confero
