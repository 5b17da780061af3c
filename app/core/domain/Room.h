#pragma once

#include "FieldError.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace confero {

// Every setting of video-api.md section 3.2. Optional members are left out of the request when unset,
// so the platform applies its own default (which for `quality` depends on the subscription).
struct RoomSettings
{
    enum class Kind { Permanent, Scheduled, AdHoc };
    enum class Mode { Group, Lecture };

    Kind kind = Kind::Permanent;
    Mode mode = Mode::Group;
    QString description;
    QDateTime scheduledTime; // UTC; Scheduled only
    std::optional<int> durationMinutes; // required for Scheduled; extends reuse for AdHoc
    int moderators = 1; // 1..5
    int participants = 0; // 0 = unlimited; excludes moderators
    bool autoRecording = false;
    QString quality; // "", "HD", "SD", "LD"
    std::optional<bool> screenShare;
    std::optional<bool> canvas;
    std::optional<bool> knock;
    std::optional<bool> waitForModerator;
    QString billingCode;
    std::optional<bool> abwd;
    std::optional<bool> facex;
    std::optional<int> maxActiveTalkers; // 1..16
    std::optional<bool> singleFileRecording;
    QString recordingModerator; // "", "audiovideo", "audio"
    QString recordingParticipant; // "", "audiovideo", "audio"
    std::optional<bool> liveRecordingAuto;
    QString liveRecordingUrl;
    QString mediaZone; // "", "IN", "SG", "US", "XX"
    std::optional<bool> watermark;

    // The settings object as the platform takes it. Counts are sent as strings, as EnableX's own
    // samples do; the platform accepts both.
    QJsonObject toJson() const;
    // Tolerant reading of what the platform returns (numbers as strings or numbers, legacy keys).
    static RoomSettings fromJson(const QJsonObject &settings);

    QList<FieldError> validate(const QDateTime &nowUtc) const;
};

// What the user asks for when creating a room.
struct RoomDefinition
{
    QString name;
    QString ownerRef;
    RoomSettings settings;
    bool sipEnabled = false;
    QJsonObject data;

    QJsonObject toJson() const;
    QList<FieldError> validate(const QDateTime &nowUtc) const;
};

// A room as the platform returns it; `raw` keeps every key, including ones this version doesn't know.
struct Room
{
    QString id;
    QString name;
    QString ownerRef;
    RoomSettings settings;
    bool sipEnabled = false;
    QJsonObject data;
    QDateTime created;
    QJsonObject raw;

    static std::optional<Room> fromJson(const QJsonObject &object);
    RoomDefinition definition() const;
};

QString roomKindName(RoomSettings::Kind kind); // translated, for tables
QString roomModeName(RoomSettings::Mode mode);

} // namespace confero
