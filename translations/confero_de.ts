<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChatTranscript</name>
    <message>
        <source>The chat file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadError</name>
    <message>
        <source>%1 could not be downloaded: the connection failed (%2). The part already downloaded is kept; it resumes when you retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server refused the recording-file user name or password. Check them in the project&apos;s settings (they are not the App ID and App Key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the download link has expired and the archive gave no working one (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the disk is full (%2). Free some space; the part already downloaded is kept and the download resumes from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be written: %2. The part already downloaded is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server&apos;s sizes for the file did not agree (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the downloaded file differs from the server&apos;s checksum, even after downloading it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server answered %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the download was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the recordings library would grow past its quota (%2). Delete local copies or raise the quota in the storage policy, then resume; the part already downloaded is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadStore</name>
    <message>
        <source>The download list could not be %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Confero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParticipantMarks</name>
    <message>
        <source>The metadata file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>participants</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlatformError</name>
    <message>
        <source>HTTP %1, result %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>result %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the video platform%1: the connection failed or was cut. Check the network and the project&apos;s API address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The video platform did not answer in time%1. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused the App ID or App Key%1. Check the project&apos;s credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform does not know this room%1. It may have been deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused the request%1. Check the values and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused the value of &quot;%1&quot;%2. Correct it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform is limiting requests%1 and still refused after retrying. Wait a minute and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform does not allow this while the room has a live session%1. Try again when the session has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room&apos;s type (mode, scheduled, ad hoc) cannot be changed after it is created%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused a token for this room now%1: it is over, not yet open, or full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform does not allow this in the room&apos;s current state%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform had an internal problem%1. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform&apos;s answer was not in the documented format%1. Check that the project&apos;s API address points to the Video API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed. %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The App ID and App Key come from the project in the platform&apos;s portal. The key is kept in the system keychain, never in Confero&apos;s files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App &amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingNoteStore</name>
    <message>
        <source>The review notes could not be %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note&apos;s position cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingSettingsStore</name>
    <message>
        <source>Could not save the project&apos;s download settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save how far the recordings were checked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewDocument</name>
    <message>
        <source>%1 is larger than %2 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not JSON (%2 at byte %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In %1, &quot;%2&quot; is not a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has more than %2 %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomEditorDialog</name>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Daily stand-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Owner reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your user or team id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;d hoc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start (&amp;UTC):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mo&amp;derators:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Participants:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media &amp;&amp; recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quality:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HD (up to 1280×720)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SD (up to 640×480)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LD (up to 640×360)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;recording when anyone publishes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Single-file recording (two-person rooms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderators recorded as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio and video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants recorded as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;live recording automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live recording &amp;view:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://your-custom-view-url (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Watermark transcoded files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow &amp;screen sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow &amp;canvas streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants &amp;knock and wait for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants &amp;wait until a moderator has joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Automatic bandwidth detection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Face analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active &amp;talkers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media &amp;zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform chooses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IN (India)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SG (Singapore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US (United States)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XX (any)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Billing code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable dial-in over &amp;SIP</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomsPage</name>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter rooms (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionReview</name>
    <message>
        <source>%1 is too large to read (%2 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes are kept per session: this file was opened without one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionReviewExport</name>
    <message>
        <source>Choose a file to export the review to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The review could not be exported to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day (UTC) of a session&apos;s start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day (UTC) of a session&apos;s start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;oom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant name or ref (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At &amp;least:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortest session shown, in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the platform&apos;s call records of the period into this computer&apos;s store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the call records of the filtered period, room, participant and role to CSV or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session&apos;s recordings on the Recordings page (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreUpkeepDialog</name>
    <message>
        <source>Data and backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call records of this project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep for&amp;ever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the &amp;last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconcile every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older sessions are deleted from this computer&apos;s copy after each reconciler pass; the platform&apos;s own records are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;py</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CDR reconciler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found by the reconciler:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenDialog</name>
    <message>
        <source>Issue join token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Alice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience (HLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your id for this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issue token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single use, valid for 15 minutes from now. Confero keeps only a hash of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the token carries:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::ApiActivityIndicator</name>
    <message>
        <source>Last request: %1, done in %2 ms at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last request: %1, failed after %2 ms at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 request in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::CdrBulkIngest</name>
    <message>
        <source>Row %1 of window %2 is not valid JSON (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window %1 is not valid JSON (%2 at byte %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::CdrExportDialog</name>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escape spreadsheet &amp;formulas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export call records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (spreadsheets; UTF-8, times in UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (an array of objects)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells starting with = + - @, a tab or a carriage return get a leading &apos; so that a spreadsheet shows them as text instead of running them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant rows that joined from %1 to %2 (UTC days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every participant row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln rows to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export call records to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::CdrExporter</name>
    <message>
        <source>Could not write the export: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The export was cancelled after %n rows.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confero::CdrIngest</name>
    <message>
        <source>The call records could not be stored: the database is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start storing call records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not look up a stored call record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session %1, row %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store a call record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the call records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the rows of session %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not look up session %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store session %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare storing call records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store call records: no transaction was started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::CdrQuery</name>
    <message>
        <source>Could not count the call records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call records cannot be sorted by &quot;%1&quot;; use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the call records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not find the rows to jump to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::CdrReportQuery</name>
    <message>
        <source>Could not compute the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the rooms of the call records.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::CdrRetention</name>
    <message>
        <source>Could not delete old call records from the store.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::CdrRowParser</name>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a number (&quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a date (&quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row %1 is not an object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::CdrSync</name>
    <message>
        <source>Could not record how far the call records were synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a period whose first day is not after its last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync of call records was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::CdrTableModel</name>
    <message>
        <source>Call records cannot be sorted by &quot;%1&quot;; use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored with problems: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User ref</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribed min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::ConsoleApplication</name>
    <message>
        <source>Confero: desktop console for the EnableX Video API. With no project configured, or with --sandbox, it starts the built-in emulator of the API and opens it as the &quot;Sandbox&quot; project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the built-in emulator and open its project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the project named NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep data in DIR (CONFERO_DATA_DIR takes precedence).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;; see confero --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no project named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the Sandbox project in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in emulator could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay in this console: starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay in this console: stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay in this console did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::DataDir</name>
    <message>
        <source>No data folder could be determined; set CONFERO_DATA_DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the data folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::DeferredIndexes</name>
    <message>
        <source>Could not read the store&apos;s indexes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the store for a bulk load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not build the store&apos;s index %1 again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::DiskUsageDialog</name>
    <message>
        <source>Recordings on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room / month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library holds no recordings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n room(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Quota: %1 (%2 % used).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No quota.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free on its disk: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::DownloadManager</name>
    <message>
        <source>the session&apos;s archive entry no longer lists %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 used of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 used of %2, and this file needs %3 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a complete local copy can be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be deleted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>deleted on %1, %n day(s) after it was downloaded (storage policy)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confero::DownloadTask</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read back %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB free on %2, %3 MB needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more bytes than the %1 announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 after %2 renewed links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP 401</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1, %2 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s sizes never agreed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::EmbeddedRelay</name>
    <message>
        <source>The webhook password is not in the keychain; set the relay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not make the relay&apos;s folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::EmbeddedRelaySettings</name>
    <message>
        <source>Listen on ADDRESS:PORT, for example 0.0.0.0:8443 or 127.0.0.1:8443: &quot;%1&quot; is not that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate and its private key go together: give both or neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain HTTP is for loopback only (behind a proxy that adds HTTPS): give a certificate and key to listen on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook user name is needed, without a colon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the relay settings of this project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the relay settings of this project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the relay settings of this project.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::EnableXPlatform</name>
    <message>
        <source>listing rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>creating room &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updating room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleting room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading who is in room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>creating a token for room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading call records from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading call records of room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading call records of room %1 from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading call records of session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading recordings from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading recordings of room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading recordings of room %1 from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading recordings of session %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::ErrorBanner</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::EventInbox</name>
    <message>
        <source>Could not store the relay&apos;s events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read where the relay stream stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::EventListModel</name>
    <message>
        <source>Could not read the project&apos;s events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::EventsPage</name>
    <message>
        <source>Relay &amp;link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where this project&apos;s webhooks come from (Ctrl+Shift+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event to see its whole body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No relay link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No relay: this project receives no webhooks yet. Set where they come from with &quot;Relay link…&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the platform&apos;s portal, set the webhook URL to &lt;b&gt;%1&lt;/b&gt; with HTTP authentication user &lt;b&gt;%2&lt;/b&gt; and the password saved for it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::JoinToken</name>
    <message>
        <source>The token needs the name of the person joining.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token needs a role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role must be moderator, participant, viewer or audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token needs a user reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token carries at most 5 custom data keys.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::MainWindow</name>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some rooms could not be deleted; Confero stays open so you can see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (built-in emulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That project no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Confero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in emulator&apos;s project is managed by Confero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change this project&apos;s address, App ID or App Key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers: %2 room(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting rooms before closing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp;&amp; backups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the store is, how long call records are kept, backups and the call record reconciler.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next reconcile: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::PartFile</name>
    <message>
        <source>Could not create %1: %2. Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not replace %1 with the export: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full: %1 could not be written. Free some space or choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::PlatformConnector</name>
    <message>
        <source>The built-in emulator is not running in this window. Start Confero with --sandbox to use the &quot;%1&quot; project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The App Key of project &quot;%1&quot; could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::PlayerSeekBar</name>
    <message>
        <source>Seek bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 joined at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::PlayerWidget</name>
    <message>
        <source>This recording cannot be played: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is damaged or not a video or audio file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One frame back (,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One frame forward (.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen (F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Notes&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Chat&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording %1 is not there (it may have been moved or deleted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording %1 cannot be read: check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This recording cannot be played: the file is damaged or not a video or audio file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chat file beside this recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody wrote in the chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes are kept per session: open this recording from the Recordings page to add notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note at the current position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the session&apos;s notes, chat and who was there when as a JSON file (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the session&apos;s review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::PlayerWindow</name>
    <message>
        <source>%1 - Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - session %2 in room %3 - Recording</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::ProjectDialog</name>
    <message>
        <source>Add project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit project &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (kept in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project needs its App Key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the App Key in the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the App Key to test the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the App Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the project has %1 room(s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::ProjectStore</name>
    <message>
        <source>The project needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API address must be an http:// or https:// address, e.g. https://api.enablex.io/video/v2/.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project needs its App ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A project named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the project &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project &quot;%1&quot; no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That project does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::ProjectUpkeepStore</name>
    <message>
        <source>Keep call records between 1 and %1 months, or forever.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile between every %1 minutes and once a week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reconciler looks back between 1 and %1 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the project&apos;s data and backup settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::ReconcilerStatusText</name>
    <message>
        <source>%1 local time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciling call records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call records: not reconciled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call records: the last reconcile failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call records up to date (checked %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Call records: %n found (checked %1)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not running: the project is not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n call record(s) found</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>None planned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RecordingCredentialsDialog</name>
    <message>
        <source>Recording-file password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save in keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform protects recording files with their own user name and password, separate from the App ID and App Key of %1. They are kept in the system&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RecordingTableModel</name>
    <message>
        <source>Not local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcoded video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not local: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RecordingsPage</name>
    <message>
        <source>&amp;Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the archive&apos;s files for the filter (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the selected files (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the selected downloads (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume the selected downloads where they stopped (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected downloads and delete their partial files (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the folder that holds the current file (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name and password the platform asks for recording files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder downloads go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First UTC day of the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last UTC day of the period (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session (conf number)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One session by its conference number; the period and room are then not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many files download at the same time (kept for this project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(UTC days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;At once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files go to %1/&lt;room&gt;/&lt;session&gt;/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to the platform: nothing can be listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the recording-file password is not set. Enter it with &quot;Recording password…&quot;, then download again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct them with &quot;Recording password…&quot;, then download again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list of downloads could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the recording-file password from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording-file password was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to the platform: the archive cannot be listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts: choose a &quot;to&quot; day on or after the &quot;from&quot; day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing the archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recorded session(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The library folder %1 cannot be created. Choose another one with &quot;Change…&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist yet: nothing has been downloaded there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file manager could open %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library folder for recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set recording &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No downloads in this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n file(s) of unknown size</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>P&amp;lay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the current recording with its session&apos;s marks, notes and chat (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a downloaded recording or transcoded video to play.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage polic&amp;y…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What downloads by itself, the library&apos;s quota and how long copies are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk &amp;usage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the library holds, by room and month</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Archive checked at %1: %n new file(s) queued by the storage policy.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n old local copy(ies) deleted (%1).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The archive could not be checked for new recordings: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RelayClient</name>
    <message>
        <source>The relay&apos;s certificate is not trusted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This relay token is not one that confero-relay printed (it starts with crs_).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay sent something that is not a stream frame; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A frame from the relay failed its signature check and was refused. Something between the relay and this console changed it, or the token belongs to another relay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RelayConnection</name>
    <message>
        <source>The relay&apos;s token is not in the keychain; set the relay link again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay&apos;s token is not one confero-relay printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No relay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay: connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay: streaming from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay: %1 unreachable, retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay: stopped (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay in this console: ready, webhooks are stored as they arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the certificate named by CONFERO_TRUSTED_CERT (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RelayLinkDialog</name>
    <message>
        <source>&amp;Remove link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay link of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscriber &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(kept in the keychain; type a new one to replace it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is what confero-relay printed when the subscriber was added: it starts with crs_ and has no spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A relay &amp;elsewhere (confero-relay on a server the platform reaches)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A relay in &amp;this console (the platform reaches this machine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.0.0.0:8443 takes webhooks on every address of this machine; 127.0.0.1:8443 only from a proxy on this machine (nginx adding HTTPS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificate; none for plain HTTP on loopback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its PEM private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (secret to keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform posts its webhooks to a relay, which keeps each one until this console has stored it, also while the console was closed or offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook &amp;user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook password keeps strangers from posting events: use at least 12 characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RelayLinkStore</name>
    <message>
        <source>A relay address is https://host[:port], as confero-relay printed it: &quot;%1&quot; is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the relay of this project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the relay of this project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the relay of this project.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::ReportCharts</name>
    <message>
        <source>Day (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln other rooms</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(no room id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>under %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions per room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak concurrent participants per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most participants connected at once, all selected rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distribution of session lengths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions (first join to last leave)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session length</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::ReportsPage</name>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days are UTC days. The last 7, 30 or 365 days end yesterday, the last whole day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day, UTC (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day, UTC (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(UTC days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions per room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak concurrency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session lengths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call records in this period. Reports show the records synced from the platform into this computer&apos;s store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2 (UTC days): %Ln sessions, %3 participant connections.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the chart to %1. Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::Room</name>
    <message>
        <source>Moderators must be between 1 and 5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants must be 0 (no limit) or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scheduled room needs a start time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start time must be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scheduled room needs a duration in minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The duration must be a positive number of minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The duration cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active talkers must be between 1 and 16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality must be HD, SD or LD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media zone must be IN, SG, US or XX.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderator recording must be &quot;audiovideo&quot; or &quot;audio&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant recording must be &quot;audiovideo&quot; or &quot;audio&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live recording view must be an https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room needs an owner reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ad hoc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RoomCache</name>
    <message>
        <source>Could not save the room list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RoomDeletionQueue</name>
    <message>
        <source>deleting room &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RoomEditorDialog</name>
    <message>
        <source>New room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit room &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room&apos;s kind and mode cannot change after it is created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a project: choose one in the toolbar first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving changes…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RoomTableModel</name>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (deleting…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::RoomsPage</name>
    <message>
        <source>&amp;New room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue &amp;token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a project. Add one, or start Confero with --sandbox to try the built-in emulator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rooms could not be listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project has no rooms yet.
Create one with New room (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room matches &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room &quot;%1&quot; will be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rooms will be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room &quot;%1&quot; was not deleted. %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::SecretStore</name>
    <message>
        <source>The keychain holds no secret for %1. Enter it again in the project&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to the keychain was denied. Allow Confero to use it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access. Unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not delete the secret for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not complete the request. Check that it is unlocked and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available (no D-Bus session or Secret Service is running). Confero keeps App Keys only in the OS keychain; start a desktop session or gnome-keyring and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::SessionParticipantModel</name>
    <message>
        <source>Stored with problems: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User ref</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::SessionQuery</name>
    <message>
        <source>Sessions cannot be sorted by &quot;%1&quot;; use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not count the sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the rooms of the stored sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not find the selected session again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not find the sessions to jump to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::SessionTableModel</name>
    <message>
        <source>Sessions cannot be sorted by &quot;%1&quot;; use one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connections (a rejoin is one more)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::SessionTimelineWidget</name>
    <message>
        <source>Session timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined %1, left %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a session to see who was there and when.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::SessionsPage</name>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions with at least one participant of this role (and name, when given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the platform&apos;s call records of the period into this computer&apos;s store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to the platform: the stored sessions are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced through %1 (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Synced: %n call record(s) received</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stored with problems.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sync cancelled; the next sync of this period resumes where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sync the call records: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n session(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Times in local time: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call records are stored in UTC and shown in this computer&apos;s time zone. The period&apos;s days are UTC days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a session to see its participants and timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, conference %2, %3: %n participant(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>peak %1 at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing %1 to %2 (UTC)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recordings of the session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::StoragePolicyDialog</name>
    <message>
        <source>&amp;Transcoded video (one playable file per session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Individual recordings (one file per participant&apos;s stream, large)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chat transcripts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session &amp;metadata (joins, leaves, events)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage policy — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download by themselves when the archive lists them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive is checked every 15 minutes while the project is open. Files you cancelled or that the policy deleted are not fetched again by themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No download starts, or goes on, once the library would grow past this size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For ever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local copies are deleted this many days after they were downloaded; the archive keeps its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep local copies:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library holds %1 now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its disk has %1 free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library already holds more than this: no download starts until copies are deleted or the quota is raised. Nothing is deleted to make room.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::Store</name>
    <message>
        <source>Could not open the database %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare the database %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the database&apos;s schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 was written by a newer Confero (schema %2; this version knows up to %3). Update Confero or choose another data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not back up the database to %1 before upgrading it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the schema version table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration %1 is missing from this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start upgrading the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrading the database to schema %1 failed; it was left at schema %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::StoreBackup</name>
    <message>
        <source>Confero cannot write to the folder %1. Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists, and Confero never overwrites a file. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is not enough free space in %1: the backup needs about %2 and %3 are free. Free some space or choose another disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk holding %1 filled up during the backup; the partial copy was removed. Free some space or choose another disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup to %1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file to back up to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::StoreUpkeepDialog</name>
    <message>
        <source>Data and backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store is a PostgreSQL database, which Confero does not copy to a file: PostgreSQL&apos;s own pg_dump makes a consistent backup while Confero keeps running. Run this command on a computer that reaches the server; it asks for the password (or reads it from ~/.pgpass or PGPASSWORD), and pg_restore brings the store back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call records of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last backup: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup made from this project yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n call record(s) that the store did not have</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the store to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Older call records are being removed now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Older call records are removed after the next reconciler pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::TokenDialog</name>
    <message>
        <source>Issue join token for &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a project: choose one in the toolbar first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuing token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token was issued but not written to the token log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token is not base64 JSON, so its contents cannot be shown. It may still be valid for the platform.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::TokenLog</name>
    <message>
        <source>Could not record the issued token in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::UndoNotice</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confero::cli::CdrCommand</name>
    <message>
        <source>Unknown cdr action &quot;%1&quot;: use sync, query or export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cdr %1 does not take --%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cdr %1 takes no arguments, only options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 needs a day as YYYY-MM-DD (UTC), not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--to comes before --from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--min-duration needs a number of seconds, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sort takes COLUMN, COLUMN:asc or COLUMN:desc, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sort: no column &quot;%1&quot;; use one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cdr sync needs --from D and --to D (or --conf N for one session).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cdr sync --conf N fetches one whole session; it takes no --from, --to or --room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Fetched %n call records</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n windows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>: %n new</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows had fields that could not be read and were stored with what could; the first: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not count the stored call records: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The store holds %n call records</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n sessions for this selection.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>--limit needs a whole number from 1 to 100000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SESSION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROOM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JOINED (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEFT (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n call records.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>cdr export needs --format csv or --format json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cdr export needs --output FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call records to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confero::cli::CliContext</name>
    <message>
        <source>CONFERO_API_URL is set, so CONFERO_APP_ID and CONFERO_APP_KEY must be set too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONFERO_API_URL is not an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no project named &quot;%1&quot;; see conferoctl projects list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project chosen: use --project NAME or conferoctl projects use NAME, or set CONFERO_API_URL, CONFERO_APP_ID and CONFERO_APP_KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the certificate named by CONFERO_TRUSTED_CERT (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONFERO_API_URL is set, so CONFERO_APP_ID must be set too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::cli::CommandLine</name>
    <message>
        <source>Unknown option %1; see conferoctl --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option --%1 takes no value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option --%1 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: conferoctl [--project NAME] [--data-dir DIR] [--json] &lt;command&gt;

Commands:
  rooms list
  rooms show ID
  rooms create --name N --owner-ref R [--mode group|lecture]
               [--kind permanent|scheduled|adhoc] [--scheduled-time &quot;YYYY-MM-DD HH:MM&quot;]
               [--duration MINUTES] [--moderators N] [--participants N]
               [--quality HD|SD|LD] [--auto-recording] [--description TEXT]
               [--max-active-talkers N] [--media-zone IN|SG|US|XX] [--sip]
  rooms update ID [--name N] [--description TEXT] [--participants N] [--moderators N]
               [--quality HD|SD|LD] [--auto-recording | --no-auto-recording]
               [--scheduled-time &quot;YYYY-MM-DD HH:MM&quot;] [--duration MINUTES]
  rooms delete ID [ID...]
  tokens create --room ID --name N --role moderator|participant|viewer|audience
               --user-ref U [--data KEY=VALUE]...
  projects list
  projects add NAME --url URL --app-id ID   (App Key from CONFERO_APP_KEY or stdin)
  projects remove NAME
  projects use NAME
  cdr sync --from D --to D [--room ID] | cdr sync --conf N
  cdr query [filters] [--sort COLUMN[:desc]] [--limit N]
  cdr export --format csv|json [filters] [--sort COLUMN[:desc]] --output FILE
             [--no-escape-formulas]
     filters: --from D --to D --room ID --conf N --name TEXT --role R --min-duration SECONDS
  recordings list --conf N | --room ID | --from D --to D
  recordings fetch (--conf N | --room ID | --from D --to D)
                   [--kinds recording,transcoded,chatdata,metadata] [--parallel N] [--library DIR]
     (recording-file password from CONFERO_RECORDING_USER and CONFERO_RECORDING_PASSWORD)
  relay add --url URL --token T   (the token confero-relay printed; or CONFERO_RELAY_TOKEN)
  relay show | relay remove
  watch   (streams the project&apos;s webhooks from its relay into the store until stopped)

The project can also come from CONFERO_API_URL, CONFERO_APP_ID and CONFERO_APP_KEY.
Times are UTC; days are YYYY-MM-DD. With --json one JSON document is printed. Exit status 0 on success,
else non-zero with one line on stderr.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::cli::ProjectsCommand</name>
    <message>
        <source>App Key: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown projects action &quot;%1&quot;: use list, add, remove or use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>projects %1 does not take --%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>projects list takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>projects %1 needs the project&apos;s NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CURRENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APP ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No App Key given: pipe it on stdin or set CONFERO_APP_KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added project &quot;%1&quot;%2.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no project named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed project &quot;%1&quot;.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now using project &quot;%1&quot;.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::cli::RecordingsCommand</name>
    <message>
        <source>Unknown recordings action &quot;%1&quot;: use list or fetch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recordings %1 does not take --%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recordings %1 takes no arguments, only options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 needs a day as YYYY-MM-DD (UTC), not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from and --to go together, --to not before --from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--conf N selects one session; it takes no --room, --from or --to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recordings %1 needs --conf N, --room ID or --from D --to D.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROOM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SESSION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>READY (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOCAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--kinds takes recording, transcoded, chatdata and metadata, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--parallel takes a number from 1 to 16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n files in %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files could not be downloaded; the first: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confero::cli::RelayCommand</name>
    <message>
        <source>relay %1 does not take --%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay takes add, show or remove; see conferoctl --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--token takes what `confero-relay subscribers add` printed (crs_...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project now streams its webhooks from %1 (run conferoctl watch).
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project has no relay; add one with conferoctl relay add --url URL --token T.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay %1, events stored up to seq %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project has no relay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay is removed, but its token could not be removed from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::cli::RoomOptions</name>
    <message>
        <source>--%1 needs a whole number, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--mode must be group or lecture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--kind must be permanent, scheduled or adhoc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--scheduled-time must look like &quot;YYYY-MM-DD HH:MM&quot; (UTC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--name cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --auto-recording or --no-auto-recording, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: give at least one of --name, --description, --participants, --moderators, --quality, --auto-recording, --no-auto-recording, --scheduled-time, --duration.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::cli::RoomsCommand</name>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown rooms action &quot;%1&quot;: use list, show, create, update or delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rooms %1 does not take --%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rooms %1 takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rooms %1 needs a room ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROOM ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MODERATORS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PARTICIPANTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QUALITY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CREATED (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FIELD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner ref</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>platform default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created room &quot;%1&quot;: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated room &quot;%1&quot;: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted room %1
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::cli::TokensCommand</name>
    <message>
        <source>Unknown tokens action &quot;%1&quot;: use create.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens create does not take --%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens create takes no arguments; give the room with --room ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens create needs --room ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--data needs KEY=VALUE, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confero::cli::WatchCommand</name>
    <message>
        <source>watch takes no arguments but the global ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project has no relay; add one with conferoctl relay add --url URL --token T.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>stored %n new event(s), up to seq %1
</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>connected to the relay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>conferoctl</name>
    <message>
        <source>Unknown command &quot;%1&quot;; see conferoctl --help.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
