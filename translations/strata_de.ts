<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>ConfirmRunDialog</name>
    <message>
        <location filename="../ui/jobs/confirmrundialog.ui" line="+52" />
        <source>&amp;Create the database first</source>
        <translation>Datenbank zuerst &amp;anlegen</translation>
    </message>
    <message>
        <location line="-46" />
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Where</source>
        <translation>Stelle</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Run &amp;anyway because:</source>
        <translation>&amp;Trotzdem ausführen, weil:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>required: why these findings are safe here (goes to the audit log)</source>
        <translation>erforderlich: warum diese Befunde hier unbedenklich sind (geht ins Audit-Protokoll)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Database name:</source>
        <translation>&amp;Datenbankname:</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Back up first (pg_dump, verified and catalogued; the run starts when it is done)</source>
        <translation>Zuerst &amp;sichern (pg_dump, geprüft und katalogisiert; der Lauf beginnt danach)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>D&amp;ry run: run every statement, then roll everything back (nothing is kept)</source>
        <translation>&amp;Probelauf: jede Anweisung ausführen, dann alles zurückrollen (nichts bleibt)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Lock timeout:</source>
        <translation>&amp;Sperr-Timeout:</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+2" />
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="-1" />
        <source>S&amp;tatement timeout:</source>
        <translation>&amp;Anweisungs-Timeout:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Show &amp;SQL Script…</source>
        <translation>&amp;SQL-Skript anzeigen…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sa&amp;ve SQL Script…</source>
        <translation>SQL-Skript &amp;speichern…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Reason (for the audit log):</source>
        <translation>&amp;Grund (für das Audit-Protokoll):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. ticket OPS-1234</source>
        <translation>z. B. Ticket OPS-1234</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../ui/authoring/findbar.ui" line="+10" />
        <source>Fi&amp;nd:</source>
        <translation>Su&amp;chen:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Find the previous match (Shift+F3)</source>
        <translation>Vorherigen Treffer suchen (Umschalt+F3)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Find the next match (F3)</source>
        <translation>Nächsten Treffer suchen (F3)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Match &amp;case</source>
        <translation>&amp;Groß-/Kleinschreibung</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Whole words</source>
        <translation>Ganze &amp;Wörter</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Regular e&amp;xpression</source>
        <translation>Regulärer Aus&amp;druck</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Hide the find bar (Esc)</source>
        <translation>Suchleiste ausblenden (Esc)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Re&amp;place:</source>
        <translation>Erse&amp;tzen:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Replace All</source>
        <translation>Alle ersetzen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.ui" line="+6" />
        <source>Strata</source>
        <translation>Strata</translation>
    </message>
    <message>
        <location line="+6" />
        <source>No profile selected</source>
        <translation>Kein Profil ausgewählt</translation>
    </message>
    <message>
        <location line="+19" />
        <source>&lt;h2&gt;Welcome to Strata&lt;/h2&gt;&lt;p&gt;There are no connection profiles yet. A profile names one database of one environment and the migration project it runs.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Willkommen bei Strata&lt;/h2&gt;&lt;p&gt;Es gibt noch keine Verbindungsprofile. Ein Profil benennt eine Datenbank einer Umgebung und das Migrationsprojekt, das darauf läuft.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Open the example project (SQLite)</source>
        <translation>Beispielprojekt öffnen (SQLite)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New profile…</source>
        <translation>Neues Profil…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import pg_service.conf…</source>
        <translation>pg_service.conf importieren…</translation>
    </message>
    <message>
        <location line="+16" />
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Filter by revision, message or label</source>
        <translation>Nach Revision, Nachricht oder Label filtern</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Export SQL…</source>
        <translation>SQL exportieren…</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Back Up Now</source>
        <translation>Jetzt &amp;sichern</translation>
    </message>
    <message>
        <location line="+1" />
        <source>pg_dump's format: custom (compressed, restores selectively), directory (parallel), plain SQL, tar</source>
        <translation>Format von pg_dump: custom (komprimiert, gezielt wiederherstellbar), directory (parallel), einfaches SQL, tar</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Keep:</source>
        <translation>&amp;Behalten:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="+0" />
        <source> newest</source>
        <translation> neueste</translation>
    </message>
    <message>
        <location line="+0" />
        <source>After each backup of this profile, delete all but the newest N of its backups (all: keep every one)</source>
        <translation>Nach jeder Sicherung dieses Profils alle außer den N neuesten Sicherungen löschen (alle: jede behalten)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Check that the selected backup still matches its catalogued SHA-256</source>
        <translation>Prüfen, ob die gewählte Sicherung noch zu ihrem katalogisierten SHA-256 passt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Filter by profile, action, user or result</source>
        <translation>Nach Profil, Aktion, Benutzer oder Ergebnis filtern</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+12" />
        <source>&amp;Migrate</source>
        <translation>&amp;Migrieren</translation>
    </message>
    <message>
        <location line="+15" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Migrate</source>
        <translation>Migrieren</translation>
    </message>
    <message>
        <location line="+13" />
        <source>&amp;New Profile…</source>
        <translation>&amp;Neues Profil…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit Profile…</source>
        <translation>Profil &amp;bearbeiten…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Delete Profile</source>
        <translation>Profil &amp;löschen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Import pg_&amp;service.conf…</source>
        <translation>pg_&amp;service.conf importieren…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Import Profiles…</source>
        <translation>Profile &amp;importieren…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>E&amp;xport Profiles…</source>
        <translation>Profile e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Read the project files and the database again</source>
        <translation>Projektdateien und Datenbank neu einlesen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Upgrade to Heads</source>
        <translation>&amp;Upgrade auf Heads</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Apply every pending migration</source>
        <translation>Alle ausstehenden Migrationen anwenden</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Upgrade to &amp;Selected</source>
        <translation>Upgrade auf &amp;Auswahl</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Apply pending migrations up to the revision selected in History</source>
        <translation>Ausstehende Migrationen bis zur im Verlauf gewählten Revision anwenden</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Downgrade to Selected</source>
        <translation>&amp;Downgrade auf Auswahl</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Revert migrations above the revision selected in History</source>
        <translation>Migrationen oberhalb der im Verlauf gewählten Revision per Downgrade zurücknehmen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <location line="+1" />
        <source>S&amp;tamp…</source>
        <translation>&amp;Stempeln…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Set the version rows without running SQL</source>
        <translation>Versionszeilen setzen, ohne SQL auszuführen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Generate SQL…</source>
        <translation>SQL &amp;erzeugen…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Write the pending upgrade as a SQL script for review</source>
        <translation>Das ausstehende Upgrade als SQL-Skript zur Durchsicht schreiben</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New &amp;Migration…</source>
        <translation>Neue &amp;Migration…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Write a new migration file in the project, after the selected revision or the head</source>
        <translation>Eine neue Migrationsdatei im Projekt anlegen, nach der gewählten Revision oder dem Head</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open in &amp;Editor</source>
        <translation>Im &amp;Editor öffnen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Open the selected revision's file in the Editor tab</source>
        <translation>Die Datei der ausgewählten Revision im Reiter Editor öffnen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Merge &amp;Heads…</source>
        <translation>&amp;Heads zusammenführen…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Write a migration that joins two or more heads into one</source>
        <translation>Eine Migration schreiben, die zwei oder mehr Heads zu einem zusammenführt</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Guided &amp;Rollback…</source>
        <translation>Geführtes &amp;Zurückrollen…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Return the database to an earlier state step by step: review, safety backup, confirmation, report</source>
        <translation>Die Datenbank Schritt für Schritt in einen früheren Zustand zurückversetzen: Prüfung, Sicherung, Bestätigung, Bericht</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Language…</source>
        <translation>&amp;Sprache…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About Strata</source>
        <translation>&amp;Über Strata</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../ui/authoring/mergedialog.ui" line="+6" />
        <source>Merge Heads</source>
        <translation>Heads zusammenführen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Write a migration whose parents are the heads ticked below, so the project has one head again. It runs no SQL of its own; add some in the editor if the branches need reconciling.</source>
        <translation>Eine Migration schreiben, deren Eltern die unten angehakten Heads sind, damit das Projekt wieder einen Head hat. Sie führt selbst kein SQL aus; fügen Sie im Editor welches hinzu, wenn die Zweige abgeglichen werden müssen.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Message:</source>
        <translation>&amp;Nachricht:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>merge billing and reporting branches</source>
        <translation>Zweige billing und reporting zusammenführen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Heads:</source>
        <translation>&amp;Heads:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Branch &amp;labels:</source>
        <translation>Zweig-&amp;Labels:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>optional, separated by spaces</source>
        <translation>optional, durch Leerzeichen getrennt</translation>
    </message>
</context>
<context>
    <name>MigrationEditor</name>
    <message>
        <location filename="../ui/authoring/migrationeditor.ui" line="+18" />
        <source>&amp;Reload from Disk</source>
        <translation>Von der Platte neu &amp;laden</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Keep My Version</source>
        <translation>Meine &amp;Fassung behalten</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Severity</source>
        <translation>Schwere</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>NewMigrationDialog</name>
    <message>
        <location filename="../ui/authoring/newmigrationdialog.ui" line="+6" />
        <source>New Migration</source>
        <translation>Neue Migration</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Message:</source>
        <translation>&amp;Nachricht:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>what it does, e.g. add loyalty tiers to customers</source>
        <translation>was sie tut, z. B. Treuestufen für Kunden hinzufügen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Parent:</source>
        <translation>&amp;Vorgänger:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Start a branch from it (the parent is not a head)</source>
        <translation>Einen &amp;Zweig davon beginnen (der Vorgänger ist kein Head)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Branch &amp;labels:</source>
        <translation>Zweig-&amp;Labels:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>optional; separate several with spaces</source>
        <translation>optional; mehrere durch Leerzeichen trennen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Depends on:</source>
        <translation>&amp;Hängt ab von:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>optional; revisions or labels, separated by spaces</source>
        <translation>optional; Revisionen oder Labels, durch Leerzeichen getrennt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Transactional (uncheck for CREATE INDEX CONCURRENTLY and the like)</source>
        <translation>&amp;Transaktional (abwählen für CREATE INDEX CONCURRENTLY und Ähnliches)</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../ui/profiles/passworddialog.ui" line="+6" />
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Remember it in the system keychain (otherwise only for this session)</source>
        <translation>Im Schlüsselbund des Systems &amp;merken (sonst nur für diese Sitzung)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Strata never writes passwords to its own files. A password in ~/.pgpass or the service file is used without asking.</source>
        <translation>Strata schreibt Passwörter nie in seine eigenen Dateien. Ein Passwort in ~/.pgpass oder der Dienstdatei wird ohne Nachfrage verwendet.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../ui/profiles/profiledialog.ui" line="+6" />
        <source>Connection Profile</source>
        <translation>Verbindungsprofil</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Colour:</source>
        <translation>&amp;Farbe:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Protected: destructive actions need the database name typed</source>
        <translation>&amp;Geschützt: zerstörende Aktionen verlangen die Eingabe des Datenbanknamens</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+4" />
        <source>E&amp;ngine:</source>
        <translation>Daten&amp;bank-Typ:</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Service:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>a pg_service.conf entry; leave empty to give host and database</source>
        <translation>ein Eintrag aus pg_service.conf; leer lassen, um Host und Datenbank anzugeben</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>localhost</source>
        <translation>localhost</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>SS&amp;L mode:</source>
        <translation>SS&amp;L-Modus:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Passwords are never saved in the profile: they come from ~/.pgpass or the service file, or Strata asks once per session.</source>
        <translation>Passwörter werden nie im Profil gespeichert: Sie kommen aus ~/.pgpass oder der Dienstdatei, oder Strata fragt einmal pro Sitzung.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+18" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="-6" />
        <source>Migrations</source>
        <translation>Migrationen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>P&amp;roject folder:</source>
        <translation>P&amp;rojektordner:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>the folder holding strata.ini</source>
        <translation>der Ordner mit der strata.ini</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Version table:</source>
        <translation>&amp;Versionstabelle:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the project's (strata_version)</source>
        <translation>die des Projekts (strata_version)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>S&amp;chema:</source>
        <translation>S&amp;chema:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PostgreSQL: where the version tables live (default: the project's, else the search path)</source>
        <translation>PostgreSQL: wo die Versionstabellen liegen (Standard: die des Projekts, sonst der Suchpfad)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../src/gui/history/historymodel.cpp" line="+66" />
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../src/gui/jobs/migrationworker.cpp" line="+99" />
        <source>Upgrade to %1</source>
        <translation>Upgrade auf %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Downgrade to %1</source>
        <translation>Downgrade auf %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Stamp %1 (purge)</source>
        <translation>%1 stempeln (purge)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stamp %1</source>
        <translation>%1 stempeln</translation>
    </message>
    <message>
        <location line="+131" />
        <source>(no migration file has this revision)</source>
        <translation>(keine Migrationsdatei hat diese Revision)</translation>
    </message>
    <message>
        <location line="-161" />
        <source>Cancelled before it started; nothing ran.</source>
        <translation>Vor dem Start abgebrochen; nichts wurde ausgeführt.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../ui/backups/restoredialog.ui" line="+6" />
        <source>Restore Backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Restore &amp;into:</source>
        <translation>Wiederherstellen &amp;in:</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Database name:</source>
        <translation>&amp;Datenbankname:</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Back up the target first (verified and catalogued; the restore starts when it is done)</source>
        <translation>&amp;Zuerst das Ziel sichern (geprüft und katalogisiert; die Wiederherstellung beginnt danach)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Reason (for the audit log):</source>
        <translation>&amp;Grund (für das Audit-Protokoll):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. refresh staging from production, ticket OPS-88</source>
        <translation>z. B. Staging aus Produktion auffrischen, Ticket OPS-88</translation>
    </message>
</context>
<context>
    <name>RollbackReport</name>
    <message>
        <location filename="../src/gui/rollback/rollbackreport.cpp" line="+23" />
        <source>base (no migration applied)</source>
        <translation>base (keine Migration angewendet)</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Rolled back</source>
        <translation>Zurückgerollt</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Rollback failed</source>
        <translation>Zurückrollen fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Returned to</source>
        <translation>Zurück auf</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Left at</source>
        <translation>Danach</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Run by</source>
        <translation>Ausgeführt von</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Safety backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Strata</source>
        <translation>Strata</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Undid</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+5" />
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not run</source>
        <translation>nicht ausgeführt</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Restore from the safety backup</source>
        <translation>Wiederherstellung aus der Sicherung</translation>
    </message>
</context>
<context>
    <name>RollbackWizard</name>
    <message>
        <location filename="../ui/rollback/rollbackwizard.ui" line="+6" />
        <source>Guided Rollback</source>
        <translation>Geführtes Zurückrollen</translation>
    </message>
    <message>
        <location line="+4" />
        <source>1. Choose the state to return to</source>
        <translation>1. Zielzustand wählen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pick the last change that should stay. Everything applied after it is undone.</source>
        <translation>Wählen Sie die letzte Änderung, die bleiben soll. Alles danach Angewendete wird rückgängig gemacht.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Return to the state after</source>
        <translation>Zurück zum Zustand nach</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Applied</source>
        <translation>Angewendet</translation>
    </message>
    <message>
        <location line="+1" />
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+18" />
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location line="-12" />
        <source>2. Review what will be undone</source>
        <translation>2. Prüfen, was rückgängig gemacht wird</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Each step runs its migration's downgrade section, newest first. Select a step to read its SQL.</source>
        <translation>Jeder Schritt führt den Downgrade-Abschnitt seiner Migration aus, die neueste zuerst. Wählen Sie einen Schritt, um sein SQL zu lesen.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Undoes</source>
        <translation>Macht rückgängig</translation>
    </message>
    <message>
        <location line="+7" />
        <source>I understand that these statements delete data, and that only a backup brings it back</source>
        <translation>Mir ist klar, dass diese Anweisungen Daten löschen und nur eine Sicherung sie zurückbringt</translation>
    </message>
    <message>
        <location line="+4" />
        <source>3. Safety backup</source>
        <translation>3. Sicherung</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A backup taken now is the way back if the rollback goes wrong.</source>
        <translation>Eine jetzt angelegte Sicherung ist der Weg zurück, falls das Zurückrollen schiefgeht.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Take a safety backup before rolling back</source>
        <translation>Vor dem Zurückrollen eine &amp;Sicherung anlegen</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Back Up Now</source>
        <translation>Jetzt &amp;sichern</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel Backup</source>
        <translation>Sicherung abbrechen</translation>
    </message>
    <message>
        <location line="+8" />
        <source>4. Confirm</source>
        <translation>4. Bestätigen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Nothing has changed yet. The rollback starts when you press Roll Back.</source>
        <translation>Noch hat sich nichts geändert. Das Zurückrollen beginnt, wenn Sie „Zurückrollen“ drücken.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Type the &amp;database name:</source>
        <translation>&amp;Datenbanknamen eingeben:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Database name (required)</source>
        <translation>Datenbankname (erforderlich)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Reason (required, for the audit log and the report):</source>
        <translation>&amp;Grund (erforderlich, für das Audit-Protokoll und den Bericht):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Required, e.g. ticket SUP-4711: release 2.3 broke invoicing</source>
        <translation>Erforderlich, z. B. Ticket SUP-4711: Release 2.3 hat die Rechnungsstellung gestört</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reason (required)</source>
        <translation>Grund (erforderlich)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Why the database is rolled back; written to the audit log and the report</source>
        <translation>Warum die Datenbank zurückgerollt wird; steht im Audit-Protokoll und im Bericht</translation>
    </message>
    <message>
        <location line="+8" />
        <source>5. Rolling back</source>
        <translation>5. Zurückrollen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Each step commits on its own; a failing step is rolled back whole.</source>
        <translation>Jeder Schritt wird einzeln festgeschrieben; ein fehlschlagender Schritt wird ganz zurückgerollt.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Restore from the Safety Backup…</source>
        <translation>Aus der Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>6. Summary</source>
        <translation>6. Zusammenfassung</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This report is saved for the ticket; the audit log has an entry for every step.</source>
        <translation>Dieser Bericht wird für das Ticket gespeichert; das Audit-Protokoll hat einen Eintrag je Schritt.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Save Report As…</source>
        <translation>Bericht speichern &amp;unter…</translation>
    </message>
</context>
<context>
    <name>SchemaDiffText</name>
    <message>
        <location filename="../src/gui/schemadiff/schemadifftext.cpp" line="+178" />
        <source>%1 is %2 under another name</source>
        <translation>%1 ist %2 unter anderem Namen</translation>
    </message>
    <message>
        <location line="-163" />
        <source>schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <location line="+2" />
        <source>extension</source>
        <translation>Erweiterung</translation>
    </message>
    <message>
        <location line="+2" />
        <source>collation</source>
        <translation>Sortierfolge</translation>
    </message>
    <message>
        <location line="+2" />
        <source>enum type</source>
        <translation>Aufzählungstyp</translation>
    </message>
    <message>
        <location line="+2" />
        <source>domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <location line="+2" />
        <source>composite type</source>
        <translation>zusammengesetzter Typ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>sequence</source>
        <translation>Sequenz</translation>
    </message>
    <message>
        <location line="+2" />
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location line="+2" />
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <location line="+2" />
        <source>constraint</source>
        <translation>Constraint</translation>
    </message>
    <message>
        <location line="+2" />
        <source>index</source>
        <translation>Index</translation>
    </message>
    <message>
        <location line="+2" />
        <source>view</source>
        <translation>Sicht</translation>
    </message>
    <message>
        <location line="+2" />
        <source>materialized view</source>
        <translation>materialisierte Sicht</translation>
    </message>
    <message>
        <location line="+2" />
        <source>function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <location line="+2" />
        <source>aggregate</source>
        <translation>Aggregat</translation>
    </message>
    <message>
        <location line="+2" />
        <source>trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <location line="+2" />
        <source>rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+2" />
        <source>policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Schemas</source>
        <translation>Schemas</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Extensions</source>
        <translation>Erweiterungen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Collations</source>
        <translation>Sortierfolgen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Enum types</source>
        <translation>Aufzählungstypen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Domains</source>
        <translation>Domänen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Composite types</source>
        <translation>Zusammengesetzte Typen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Constraints</source>
        <translation>Constraints</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Views</source>
        <translation>Sichten</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Materialized views</source>
        <translation>Materialisierte Sichten</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Aggregates</source>
        <translation>Aggregate</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Triggers</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Policies</source>
        <translation>Richtlinien</translation>
    </message>
    <message>
        <location line="+9" />
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location line="+12" />
        <location line="+69" />
        <source>%1 %2</source>
        <extracomment>An object of a schema: its kind, then its name ("table public.film").
----------
An object beneath its table in the tree: its kind, then its name ("column title").</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="-61" />
        <source>Deletes data: the rows or values it removes are lost.</source>
        <translation>Löscht Daten: die entfernten Zeilen oder Werte gehen verloren.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Rebuilds the table: its rows are copied into a new table and its indexes are built again.</source>
        <translation>Baut die Tabelle neu auf: ihre Zeilen werden in eine neue Tabelle kopiert und ihre Indizes neu erstellt.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Rewrites the whole table and its indexes while it runs.</source>
        <translation>Schreibt die ganze Tabelle und ihre Indizes neu, während es läuft.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Holds the database's write lock while it runs: other writers wait.</source>
        <translation>Hält die Schreibsperre der Datenbank, während es läuft: andere Schreiber warten.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Takes an ACCESS EXCLUSIVE lock: readers and writers of the table wait while it runs.</source>
        <translation>Setzt eine ACCESS-EXCLUSIVE-Sperre: Leser und Schreiber der Tabelle warten, während es läuft.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Builds an index while holding the database's write lock.</source>
        <translation>Erstellt einen Index und hält dabei die Schreibsperre der Datenbank.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Builds an index: CREATE INDEX CONCURRENTLY avoids blocking writes.</source>
        <translation>Erstellt einen Index: CREATE INDEX CONCURRENTLY vermeidet, dass Schreibzugriffe blockiert werden.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Checks every row against the constraint while it runs.</source>
        <translation>Prüft jede Zeile gegen den Constraint, während es läuft.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Scans the table to validate while holding its lock: add the constraint NOT VALID and validate it in a later migration to avoid blocking writes.</source>
        <translation>Liest zur Prüfung die ganze Tabelle und hält dabei ihre Sperre: den Constraint mit NOT VALID anlegen und in einer späteren Migration validieren vermeidet, dass Schreibzugriffe blockiert werden.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Cannot run inside a transaction block: the migration runs without one.</source>
        <translation>Kann nicht in einem Transaktionsblock laufen: die Migration läuft ohne.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Depends on something the catalog cannot track (a function body): check the objects it uses by hand.</source>
        <translation>Hängt von etwas ab, das der Katalog nicht verfolgen kann (ein Funktionsrumpf): die verwendeten Objekte von Hand prüfen.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The downgrade deletes data this upgrade keeps.</source>
        <translation>Das Downgrade löscht Daten, die dieses Upgrade behält.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Fails when the table has rows: give the column a default.</source>
        <translation>Schlägt fehl, wenn die Tabelle Zeilen hat: der Spalte einen Standardwert geben.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fails when the table has rows: give the column a default, or add it nullable, fill it, then set NOT NULL.</source>
        <translation>Schlägt fehl, wenn die Tabelle Zeilen hat: der Spalte einen Standardwert geben, oder sie ohne NOT NULL anlegen, füllen und dann NOT NULL setzen.</translation>
    </message>
    <message>
        <location line="+19" />
        <source>%1 depends on %2</source>
        <translation>%1 hängt ab von %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 is part of %2</source>
        <translation>%1 gehört zu %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 is kept because %2 needs it</source>
        <translation>%1 bleibt, weil %2 es braucht</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 is created by one statement with %2</source>
        <translation>%1 entsteht in einer Anweisung mit %2</translation>
    </message>
    <message>
        <location line="+25" />
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <location line="+7" />
        <source>No differences: the two schemas are the same.</source>
        <translation>Keine Unterschiede: die beiden Schemas sind gleich.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1: %2, %3, %4</source>
        <extracomment>The summary line: "12 differences: 3 added, 2 removed, 7 changed".</extracomment>
        <translation>%1: %2, %3, %4</translation>
    </message>
    <message>
        <location filename="../src/gui/schemadiff/schemadifftree.cpp" line="+227" />
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Difference</source>
        <translation>Unterschied</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/schemadiff/schemadifftext.cpp" line="-19" />
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n Unterschied</numerusform>
            <numerusform>%n Unterschiede</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n difference(s) inside</source>
        <translation>
            <numerusform>%n Unterschied darin</numerusform>
            <numerusform>%n Unterschiede darin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15" />
        <source>%n added</source>
        <translation>
            <numerusform>%n hinzugefügt</numerusform>
            <numerusform>%n hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>%n removed</source>
        <translation>
            <numerusform>%n entfernt</numerusform>
            <numerusform>%n entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n changed</source>
        <translation>
            <numerusform>%n geändert</numerusform>
            <numerusform>%n geändert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SchemaTab</name>
    <message>
        <location filename="../ui/schemadiff/schematab.ui" line="+8" />
        <source>Co&amp;mpare:</source>
        <translation>&amp;Vergleichen:</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Left: the project replayed to the database's own revisions. Right: the database as it is.</source>
        <translation>Links: das Projekt, nachgespielt bis zu den eigenen Revisionen der Datenbank. Rechts: die Datenbank, wie sie ist.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Desired-state &amp;file:</source>
        <translation>Soll-&amp;Datei:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>schema.sql (strata.ini's schema_file)</source>
        <translation>schema.sql (schema_file aus strata.ini)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Choose the desired-state SQL file</source>
        <translation>Die SQL-Datei mit dem Soll-Zustand wählen</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Other profile:</source>
        <translation>&amp;Anderes Profil:</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;To:</source>
        <translation>&amp;Nach:</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Com&amp;pare</source>
        <translation>Ver&amp;gleichen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>StampDialog</name>
    <message>
        <location filename="../ui/jobs/stampdialog.ui" line="+6" />
        <source>Stamp</source>
        <translation>Stempeln</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Set the version rows to these revisions without running any SQL, for a database whose schema is already there (restored from a dump, migrated by hand).</source>
        <translation>Die Versionszeilen auf diese Revisionen setzen, ohne SQL auszuführen – für eine Datenbank, deren Schema schon da ist (aus einem Dump wiederhergestellt, von Hand migriert).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Revisions:</source>
        <translation>&amp;Revisionen:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>separate several with spaces; heads and base work too</source>
        <translation>mehrere durch Leerzeichen trennen; auch heads und base sind möglich</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Purge: delete every version row first (for a version table that holds rows no file has)</source>
        <translation>&amp;Bereinigen: zuerst alle Versionszeilen löschen (für eine Versionstabelle mit Zeilen, die keine Datei hat)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/app/main.cpp" line="+44" />
        <source>Strata: database schema migrations as SQL files.</source>
        <translation>Strata: Datenbank-Schemamigrationen als SQL-Dateien.</translation>
    </message>
    <message>
        <location line="-22" />
        <source>Open the migration project in DIR for this session.</source>
        <translation>Das Migrationsprojekt in DIR für diese Sitzung öffnen.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The database of --project (default: the project's).</source>
        <translation>Die Datenbank zu --project (Standard: die des Projekts).</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Save a picture of the window to FILE after SECONDS (--screenshot-delay, default 3) and quit.</source>
        <translation>Nach SECONDS Sekunden (--screenshot-delay, Standard 3) ein Bild des Fensters in FILE speichern und beenden.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Seconds before --screenshot.</source>
        <translation>Sekunden vor --screenshot.</translation>
    </message>
    <message>
        <location line="-9" />
        <source>Open the migration FILE in the editor (several times for several files).</source>
        <translation>Die Migrationsdatei FILE im Editor öffnen (mehrfach für mehrere Dateien).</translation>
    </message>
</context>
<context>
    <name>strata::gui::ActivityLog</name>
    <message>
        <location filename="../src/gui/log/activitylog.cpp" line="+82" />
        <source>Made the folder %1 private (mode %2 to %3): an older version of Strata left it open to other users.</source>
        <translation>Ordner %1 privat gemacht (Modus %2 zu %3): Eine ältere Strata-Version hatte ihn für andere Benutzer offen gelassen.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Made %1 private (mode %2 to %3): an older version of Strata left it readable by other users.</source>
        <translation>%1 privat gemacht (Modus %2 zu %3): Eine ältere Strata-Version hatte die Datei für andere Benutzer lesbar gelassen.</translation>
    </message>
</context>
<context>
    <name>strata::gui::AuditModel</name>
    <message>
        <location filename="../src/gui/audit/auditmodel.cpp" line="+81" />
        <source>CLI</source>
        <translation>CLI</translation>
    </message>
    <message>
        <location line="+0" />
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location line="-61" />
        <source>(base)</source>
        <translation>(base)</translation>
    </message>
    <message>
        <location line="-1" />
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+80" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Via</source>
        <translation>Über</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+2" />
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Revisions before</source>
        <translation>Revisionen vorher</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Revisions after</source>
        <translation>Revisionen nachher</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>strata::gui::AuthoringController</name>
    <message>
        <location filename="../src/gui/authoring/authoringcontroller.cpp" line="+55" />
        <source>%1: cannot read the schema for completion: %2</source>
        <translation>%1: Das Schema für die Vervollständigung kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+52" />
        <source>Select a profile to try migrations on.</source>
        <translation>Wählen Sie ein Profil, auf dem Migrationen ausprobiert werden.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 is protected: Try it runs only on profiles that are not, such as a development database.</source>
        <translation>%1 ist geschützt: Ausprobieren läuft nur auf ungeschützten Profilen, etwa einer Entwicklungsdatenbank.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1's database cannot be reached.</source>
        <translation>Die Datenbank von %1 ist nicht erreichbar.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Wait for the running job to finish.</source>
        <translation>Warten Sie, bis der laufende Auftrag fertig ist.</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Open in Editor</source>
        <translation>Im Editor öffnen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Revision %1 has no file in the project: the database has its version row, but no migration file declares it.</source>
        <translation>Revision %1 hat keine Datei im Projekt: Die Datenbank hat ihre Versionszeile, aber keine Migrationsdatei deklariert sie.</translation>
    </message>
    <message>
        <location line="+58" />
        <source>Wrote %1.</source>
        <translation>%1 geschrieben.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Try it is refused on %1: the profile is protected.</source>
        <translation>Ausprobieren wird auf %1 verweigert: Das Profil ist geschützt.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The header does not parse; fix the problems listed below first.</source>
        <translation>Die Kopfzeilen lassen sich nicht lesen; beheben Sie zuerst die unten aufgeführten Probleme.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Trying %1 on %2…</source>
        <translation>%1 wird auf %2 ausprobiert…</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Tried on %1: %2 ran without error; everything was rolled back, the database is as it was.</source>
        <translation>Auf %1 ausprobiert: %2 lief fehlerfrei; alles wurde zurückgerollt, die Datenbank ist unverändert.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Tried on %1: failed at line %2: %3. Everything was rolled back.</source>
        <translation>Auf %1 ausprobiert: Fehler in Zeile %2: %3. Alles wurde zurückgerollt.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Tried on %1: %2. Everything was rolled back.</source>
        <translation>Auf %1 ausprobiert: %2. Alles wurde zurückgerollt.</translation>
    </message>
    <message>
        <location line="-32" />
        <source>Trying %1 on %2 (rolled back at the end)…</source>
        <translation>%1 wird auf %2 ausprobiert (am Ende zurückgerollt)…</translation>
    </message>
</context>
<context>
    <name>strata::gui::BackupModel</name>
    <message>
        <location filename="../src/gui/backups/backupmodel.cpp" line="+55" />
        <source>%1
SHA-256 %2
taken with %3 by Strata %4 in %5 s</source>
        <translation>%1
SHA-256 %2
mit %3 von Strata %4 in %5 s angelegt</translation>
    </message>
    <message>
        <location line="+11" />
        <source>%1, schema only</source>
        <translation>%1, nur Schema</translation>
    </message>
    <message>
        <location line="+4" />
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Taken</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2" />
        <source>At revision</source>
        <translation>Auf Revision</translation>
    </message>
    <message>
        <location line="+2" />
        <source>File</source>
        <translation>Datei</translation>
    </message>
</context>
<context>
    <name>strata::gui::BackupsController</name>
    <message>
        <location filename="../src/gui/backups/backupscontroller.cpp" line="+56" />
        <source>Backing up: %1</source>
        <translation>Sicherung: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Restoring: %1</source>
        <translation>Wiederherstellung: %1</translation>
    </message>
    <message>
        <location line="+11" />
        <source>%1 matches its catalogued SHA-256.</source>
        <translation>%1 passt zu ihrem katalogisierten SHA-256.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Verification failed: %1</source>
        <translation>Prüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Folder: %1</source>
        <translation>Ordner: %1</translation>
    </message>
    <message>
        <location line="+11" />
        <source>No backup of %1 yet.</source>
        <translation>Noch keine Sicherung von %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n backup(s) of %1.</source>
        <translation>
            <numerusform>%n Sicherung von %1.</numerusform>
            <numerusform>%n Sicherungen von %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24" />
        <location line="+5" />
        <source>Backing up %1…</source>
        <translation>%1 wird gesichert…</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The backup failed: %1</source>
        <translation>Die Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Backup Failed</source>
        <translation>Sicherung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The backup of %1 failed.

%2</source>
        <translation>Die Sicherung von %1 ist fehlgeschlagen.

%2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Backed up and verified: %1</source>
        <translation>Gesichert und geprüft: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 backed up.</source>
        <translation>%1 gesichert.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Checking %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Restoring %1 into %2…</source>
        <translation>%1 wird in %2 wiederhergestellt…</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Restored into %1.</source>
        <translation>In %1 wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 restored.</source>
        <translation>%1 wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The restore failed: %1</source>
        <translation>Die Wiederherstellung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Restore Failed</source>
        <translation>Wiederherstellung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Restoring into %1 failed.

%2</source>
        <translation>Die Wiederherstellung in %1 ist fehlgeschlagen.

%2</translation>
    </message>
</context>
<context>
    <name>strata::gui::ConfirmRunDialog</name>
    <message>
        <location filename="../src/gui/jobs/confirmrundialog.cpp" line="+119" />
        <source>&amp;Create the database %1 first (it does not exist on the server)</source>
        <translation>Datenbank %1 zuerst &amp;anlegen (sie existiert auf dem Server nicht)</translation>
    </message>
    <message>
        <location line="-40" />
        <source>Confirm: %1</source>
        <translation>Bestätigen: %1</translation>
    </message>
    <message>
        <location line="-13" />
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1" />
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message numerus="yes">
        <location line="+14" />
        <source>&lt;b&gt;%1&lt;/b&gt; on &lt;span style='color:%2'&gt;■&lt;/span&gt; &lt;b&gt;%3&lt;/b&gt; (%4, %5)&lt;br&gt;%n step(s):</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; auf &lt;span style='color:%2'&gt;■&lt;/span&gt; &lt;b&gt;%3&lt;/b&gt; (%4, %5)&lt;br&gt;%n Schritt:</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; auf &lt;span style='color:%2'&gt;■&lt;/span&gt; &lt;b&gt;%3&lt;/b&gt; (%4, %5)&lt;br&gt;%n Schritte:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8" />
        <source>stamp</source>
        <translation>stempeln</translation>
    </message>
    <message>
        <location line="+1" />
        <source>upgrade</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <location line="+1" />
        <source>downgrade</source>
        <translation>Downgrade</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Downgrades run the migrations' downgrade SQL and may drop data.</source>
        <translation>Downgrades führen das Downgrade-SQL der Migrationen aus und können Daten löschen.</translation>
    </message>
    <message>
        <location line="+40" />
        <source>the server's setting</source>
        <translation>Einstellung des Servers</translation>
    </message>
    <message>
        <location line="+38" />
        <source>Protected</source>
        <translation>Geschützt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&lt;b&gt;Protected: %1&lt;/b&gt; (%2)</source>
        <translation>&lt;b&gt;Geschützt: %1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <location line="+75" />
        <source>No migration runs: nothing to lint.</source>
        <translation>Es läuft keine Migration: nichts zu prüfen.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Lint: no findings in the migrations this run executes.</source>
        <translation>Prüfung: keine Befunde in den Migrationen, die dieser Lauf ausführt.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Lint: %1 and %2 in the migrations this run executes:</source>
        <translation>Prüfung: %1 und %2 in den Migrationen, die dieser Lauf ausführt:</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <location line="+3" />
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-3" />
        <location line="+4" />
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="-2" />
        <source>Lint: %1 in the migrations this run executes:</source>
        <translation>Prüfung: %1 in den Migrationen, die dieser Lauf ausführt:</translation>
    </message>
    <message>
        <location line="+10" />
        <source>No SQL script could be written for this plan.</source>
        <translation>Für diesen Plan ließ sich kein SQL-Skript schreiben.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The whole run as one SQL script, as `strata %1 --sql` writes it.</source>
        <translation>Der ganze Lauf als ein SQL-Skript, wie `strata %1 --sql` es schreibt.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>SQL Script: %1</source>
        <translation>SQL-Skript: %1</translation>
    </message>
    <message>
        <location line="+19" />
        <location line="+5" />
        <source>Save SQL</source>
        <translation>SQL speichern</translation>
    </message>
    <message>
        <location line="-5" />
        <source>SQL scripts (*.sql)</source>
        <translation>SQL-Skripte (*.sql)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+70" />
        <source>&lt;span style='color:#c62828'&gt;On a protected profile these findings stop the run (%1). Fix the migration, or say why it is safe here: the reason and the rules go to the audit log.&lt;/span&gt;</source>
        <translation>&lt;span style='color:#c62828'&gt;Auf einem geschützten Profil halten diese Befunde den Lauf an (%1). Korrigieren Sie die Migration oder begründen Sie, warum sie hier unbedenklich ist: Begründung und Regeln gehen ins Audit-Protokoll.&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Dry Run</source>
        <translation>Probelauf</translation>
    </message>
    <message>
        <location line="-255" />
        <source>&amp;Back up first (a copy of the SQLite file, verified and catalogued)</source>
        <translation>Zuerst &amp;sichern (eine Kopie der SQLite-Datei, geprüft und katalogisiert)</translation>
    </message>
    <message numerus="yes">
        <location line="-28" />
        <source>Irreversible revision(s) in the way: %1.</source>
        <translation>
            <numerusform>Nicht umkehrbare Revision im Weg: %1.</numerusform>
            <numerusform>Nicht umkehrbare Revisionen im Weg: %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30" />
        <source>&lt;b&gt;%1&lt;/b&gt; is a protected profile. Type the database name &lt;b&gt;%2&lt;/b&gt; to go on.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; ist ein geschütztes Profil. Geben Sie zum Fortfahren den Datenbanknamen &lt;b&gt;%2&lt;/b&gt; ein.</translation>
    </message>
</context>
<context>
    <name>strata::gui::EditorArea</name>
    <message>
        <location filename="../src/gui/authoring/editorarea.cpp" line="+27" />
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Replace</source>
        <translation>&amp;Ersetzen</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Refresh &amp;Completion</source>
        <translation>&amp;Vervollständigung auffrischen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Read the tables, columns and functions of the selected profile's database again</source>
        <translation>Tabellen, Spalten und Funktionen der Datenbank des ausgewählten Profils neu lesen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Try It</source>
        <translation>&amp;Ausprobieren</translation>
    </message>
    <message>
        <location line="+20" />
        <source>No migration open. Open one from History (right-click a revision, Open in Editor) or write a new one with Migrate ▸ New Migration…</source>
        <translation>Keine Migration geöffnet. Öffnen Sie eine aus dem Verlauf (Rechtsklick auf eine Revision, Im Editor öffnen) oder schreiben Sie eine neue mit Migrieren ▸ Neue Migration…</translation>
    </message>
    <message>
        <location line="+64" />
        <source>Open Migration</source>
        <translation>Migration öffnen</translation>
    </message>
    <message>
        <location line="+23" />
        <source>%1 (deleted)</source>
        <translation>%1 (gelöscht)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1
The file is gone from disk; the text is only here until it is saved.</source>
        <translation>%1
Die Datei ist nicht mehr auf der Festplatte; der Text ist nur hier, bis er gespeichert wird.</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Save, then run this migration's upgrade and downgrade on the selected profile in a transaction that is always rolled back</source>
        <translation>Speichern, dann Upgrade und Downgrade dieser Migration auf dem ausgewählten Profil in einer Transaktion ausführen, die immer zurückgerollt wird</translation>
    </message>
    <message>
        <location line="+29" />
        <source>header</source>
        <translation>Kopf</translation>
    </message>
    <message>
        <location line="+2" />
        <source>parents</source>
        <translation>Vorgänger</translation>
    </message>
    <message>
        <location line="+2" />
        <source>PostgreSQL's parser</source>
        <translation>PostgreSQLs Parser</translation>
    </message>
    <message>
        <location line="+2" />
        <source>SQLite's statement check</source>
        <translation>SQLites Anweisungsprüfung</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n lint rule(s)</source>
        <translation>
            <numerusform>%n Lint-Regel</numerusform>
            <numerusform>%n Lint-Regeln</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4" />
        <source>Checks for %1: %2</source>
        <translation>Prüfungen für %1: %2</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Each statement is parsed by PostgreSQL's own parser.</source>
        <translation>Jede Anweisung wird von PostgreSQLs eigenem Parser gelesen.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Each statement is compiled by SQLite itself on an empty scratch database: its grammar is checked, names of tables and columns are left to the run.</source>
        <translation>Jede Anweisung wird von SQLite selbst auf einer leeren Hilfsdatenbank übersetzt: Die Grammatik wird geprüft, Namen von Tabellen und Spalten prüft erst der Lauf.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Lint rules: %1</source>
        <translation>Lint-Regeln: %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Completion: SQL keywords only</source>
        <translation>Vervollständigung: nur SQL-Schlüsselwörter</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Completion: %n table(s) and view(s) of %1</source>
        <translation>
            <numerusform>Vervollständigung: %n Tabelle oder Sicht von %1</numerusform>
            <numerusform>Vervollständigung: %n Tabellen und Sichten von %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20" />
        <location line="+10" />
        <location line="+15" />
        <location line="+15" />
        <source>Save Migration</source>
        <translation>Migration speichern</translation>
    </message>
    <message>
        <location line="-29" />
        <source>%1 cannot be saved where it was: its folder %2 no longer exists (the project was moved or deleted). Your text is kept here.</source>
        <translation>%1 kann nicht am bisherigen Ort gespeichert werden: Der Ordner %2 existiert nicht mehr (das Projekt wurde verschoben oder gelöscht). Ihr Text bleibt hier erhalten.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Recreate the Folder and Save</source>
        <translation>Ordner &amp;neu anlegen und speichern</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Save Migration As</source>
        <translation>Migration speichern unter</translation>
    </message>
    <message>
        <location line="+0" />
        <source>SQL migrations (*.sql)</source>
        <translation>SQL-Migrationen (*.sql)</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
</context>
<context>
    <name>strata::gui::Environment</name>
    <message>
        <location filename="../src/gui/profiles/environmentname.cpp" line="+12" />
        <source>Development</source>
        <translation>Entwicklung</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Staging</source>
        <translation>Staging</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
</context>
<context>
    <name>strata::gui::FindBar</name>
    <message>
        <location filename="../src/gui/authoring/findbar.cpp" line="+72" />
        <source>Not found: %1</source>
        <translation>Nicht gefunden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+31" />
        <source>%n replaced</source>
        <translation>
            <numerusform>%n ersetzt</numerusform>
            <numerusform>%n ersetzt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::HistoryModel</name>
    <message>
        <location filename="../src/gui/history/historymodel.cpp" line="-39" />
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <location line="+2" />
        <source>applied</source>
        <translation>angewendet</translation>
    </message>
    <message>
        <location line="+2" />
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location line="+2" />
        <source>edited since applied</source>
        <translation>seit Anwendung bearbeitet</translation>
    </message>
    <message>
        <location line="+2" />
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>missing file</source>
        <translation>Datei fehlt</translation>
    </message>
    <message>
        <location line="+92" />
        <source>Revision %1: %2</source>
        <translation>Revision %1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>Down revision(s): %1</source>
        <translation>
            <numerusform>Vorgänger-Revision: %1</numerusform>
            <numerusform>Vorgänger-Revisionen: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>Depends on: %1</source>
        <translation>Hängt ab von: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No downgrade section: this revision cannot be reverted.</source>
        <translation>Kein Downgrade-Abschnitt: Diese Revision kann nicht zurückgenommen werden.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Its state is unknown: the database was not read.</source>
        <translation>Der Zustand ist unbekannt: Die Datenbank wurde nicht gelesen.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The upgrade section changed after it ran; review it, then run `strata repair`.</source>
        <translation>Der Upgrade-Abschnitt wurde nach der Ausführung geändert; prüfen Sie ihn und führen Sie dann `strata repair` aus.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Graph</source>
        <translation>Graph</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location line="+2" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Applied at</source>
        <translation>Angewendet am</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Applied by</source>
        <translation>Angewendet von</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>strata::gui::JobPanel</name>
    <message>
        <location filename="../src/gui/jobs/jobpanel.cpp" line="+170" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Waiting for the database… %1</source>
        <translation>Warten auf die Datenbank… %1</translation>
    </message>
    <message>
        <location line="-13" />
        <source>stamp</source>
        <translation>stempeln</translation>
    </message>
    <message>
        <location line="-52" />
        <source>planning</source>
        <translation>plant</translation>
    </message>
    <message>
        <location line="+4" />
        <source>running: %1, step %2 of %3</source>
        <translation>läuft: %1, Schritt %2 von %3</translation>
    </message>
    <message>
        <location line="+5" />
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+3" />
        <source>backing up</source>
        <translation>sichert</translation>
    </message>
    <message>
        <location line="+3" />
        <source>restoring a backup</source>
        <translation>stellt eine Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+3" />
        <source>trying a migration</source>
        <translation>probiert eine Migration aus</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1, cancelling</source>
        <translation>%1, wird abgebrochen</translation>
    </message>
    <message>
        <location line="+9" />
        <source>cancelling</source>
        <translation>wird abgebrochen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>running %1/%2</source>
        <translation>läuft %1/%2</translation>
    </message>
    <message>
        <location line="+9" />
        <source>%1 is busy (%2); try again when its job ends.</source>
        <translation>%1 ist beschäftigt (%2); versuchen Sie es erneut, wenn dieser Auftrag endet.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>upgrade</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <location line="+1" />
        <source>downgrade</source>
        <translation>Downgrade</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Step %1 of %2: %3 %4 %5</source>
        <translation>Schritt %1 von %2: %3 %4 %5</translation>
    </message>
    <message>
        <location line="+5" />
        <source> · statement %1 of %2</source>
        <translation> · Anweisung %1 von %2</translation>
    </message>
    <message>
        <location line="+33" />
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>strata::gui::LogDock</name>
    <message>
        <location filename="../src/gui/log/logdock.cpp" line="+11" />
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Log lines of upgrades, downgrades and stamps appear here.</source>
        <translation>Protokollzeilen von Upgrades, Downgrades und Stempelungen erscheinen hier.</translation>
    </message>
</context>
<context>
    <name>strata::gui::MainWindow</name>
    <message>
        <location filename="../src/gui/mainwindow.cpp" line="+313" />
        <source>Delete Profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete the profile &lt;b&gt;%1&lt;/b&gt;? The database and the migration files are not touched.</source>
        <translation>Das Profil &lt;b&gt;%1&lt;/b&gt; löschen? Die Datenbank und die Migrationsdateien bleiben unberührt.</translation>
    </message>
    <message>
        <location line="+65" />
        <source>Your saved profiles could not be read: %1</source>
        <translation>Ihre gespeicherten Profile konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+217" />
        <source>No profile selected</source>
        <translation>Kein Profil ausgewählt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Strata</source>
        <translation>Strata</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; %2 &amp;nbsp;·&amp;nbsp; %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; %2 &amp;nbsp;·&amp;nbsp; %3</translation>
    </message>
    <message>
        <location line="+4" />
        <source> &amp;nbsp;·&amp;nbsp; &lt;b&gt;protected&lt;/b&gt;</source>
        <translation> &amp;nbsp;·&amp;nbsp; &lt;b&gt;geschützt&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1 (%2) – Strata</source>
        <translation>%1 (%2) – Strata</translation>
    </message>
    <message>
        <location line="+9" />
        <source>This profile has no migration project yet: choose one with Edit Profile.</source>
        <translation>Dieses Profil hat noch kein Migrationsprojekt: Wählen Sie eines mit „Profil bearbeiten“.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Edited since applied: %1. Their files no longer match what ran; review them, then accept them with `strata repair`.</source>
        <translation>Seit Anwendung bearbeitet: %1. Ihre Dateien entsprechen nicht mehr dem Ausgeführten; prüfen Sie sie und übernehmen Sie sie dann mit `strata repair`.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The database is at %1, which no migration file has. Restore the file, or stamp the database to a known revision.</source>
        <translation>Die Datenbank steht auf %1, die keine Migrationsdatei hat. Stellen Sie die Datei wieder her oder stempeln Sie die Datenbank auf eine bekannte Revision.</translation>
    </message>
    <message>
        <location line="-22" />
        <source> &amp;nbsp;·&amp;nbsp; %1</source>
        <translation> &amp;nbsp;·&amp;nbsp; %1</translation>
    </message>
    <message>
        <location line="-262" />
        <source>&amp;Settings…</source>
        <translation>E&amp;instellungen…</translation>
    </message>
    <message>
        <location line="+114" />
        <source>Edit Profile</source>
        <translation>Profil bearbeiten</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 is running a job; edit it when the job ends.</source>
        <translation>%1 führt gerade einen Auftrag aus; bearbeiten Sie es, wenn er beendet ist.</translation>
    </message>
    <message>
        <location line="+280" />
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Language of Strata (after a restart):</source>
        <translation>Sprache von Strata (nach einem Neustart):</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The language changes when Strata starts again.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Strata.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>About Strata</source>
        <translation>Über Strata</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&lt;h3&gt;Strata %1&lt;/h3&gt;&lt;p&gt;Database schema migrations as SQL files: profiles for every environment, history, pending plans, upgrades, downgrades and stamps.&lt;/p&gt;&lt;p&gt;Log file: %2&lt;br&gt;Audit log: %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Strata %1&lt;/h3&gt;&lt;p&gt;Datenbank-Schemamigrationen als SQL-Dateien: Profile für jede Umgebung, Verlauf, ausstehende Pläne, Upgrades, Downgrades und Stempelungen.&lt;/p&gt;&lt;p&gt;Protokolldatei: %2&lt;br&gt;Audit-Protokoll: %3&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>strata::gui::MemoryVault</name>
    <message>
        <location filename="../src/gui/profiles/passwordvault.cpp" line="+59" />
        <source>no password stored</source>
        <translation>kein Passwort gespeichert</translation>
    </message>
</context>
<context>
    <name>strata::gui::MergeDialog</name>
    <message>
        <location filename="../src/gui/authoring/mergedialog.cpp" line="+23" />
        <source>Write the Merge</source>
        <translation>Zusammenführung schreiben</translation>
    </message>
</context>
<context>
    <name>strata::gui::MigrationEditor</name>
    <message>
        <location filename="../src/gui/authoring/migrationeditor.cpp" line="+21" />
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1" />
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+56" />
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+20" />
        <source>cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+128" />
        <source>%1 was deleted or renamed outside Strata (or its project folder was moved). Your text is kept here; save to write it again.</source>
        <translation>%1 wurde außerhalb von Strata gelöscht oder umbenannt (oder der Projektordner wurde verschoben). Ihr Text bleibt hier erhalten; speichern Sie, um die Datei neu zu schreiben.</translation>
    </message>
    <message>
        <location line="+21" />
        <source>%1 changed on disk and was reloaded.</source>
        <translation>%1 wurde auf der Platte geändert und neu geladen.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 changed on disk, and you have unsaved changes here. Reload it (your changes are lost) or keep your version (saving overwrites the other)?</source>
        <translation>%1 wurde auf der Platte geändert, und Sie haben hier ungespeicherte Änderungen. Neu laden (Ihre Änderungen gehen verloren) oder Ihre Fassung behalten (Speichern überschreibt die andere)?</translation>
    </message>
</context>
<context>
    <name>strata::gui::MigrationWorker</name>
    <message>
        <location filename="../src/gui/jobs/migrationworker.cpp" line="+371" />
        <source>%1: created the database %2</source>
        <translation>%1: Datenbank %2 angelegt</translation>
    </message>
    <message numerus="yes">
        <location line="+269" />
        <source>The server answered: %1 does not exist; an upgrade can create it first. %n revision(s) in the project.</source>
        <translation>
            <numerusform>Der Server antwortete: %1 existiert nicht; ein Upgrade kann sie zuerst anlegen. %n Revision im Projekt.</numerusform>
            <numerusform>Der Server antwortete: %1 existiert nicht; ein Upgrade kann sie zuerst anlegen. %n Revisionen im Projekt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%1 does not exist yet; the first upgrade creates it. %n revision(s) in the project.</source>
        <translation>
            <numerusform>%1 existiert noch nicht; das erste Upgrade legt sie an. %n Revision im Projekt.</numerusform>
            <numerusform>%1 existiert noch nicht; das erste Upgrade legt sie an. %n Revisionen im Projekt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6" />
        <source>no revision applied yet</source>
        <translation>noch keine Revision angewendet</translation>
    </message>
    <message>
        <location line="-675" />
        <location line="+676" />
        <source>at %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <location line="-677" />
        <source>no revision applied</source>
        <translation>keine Revision angewendet</translation>
    </message>
    <message>
        <location line="+268" />
        <source>%1: cannot open the project: %2</source>
        <translation>%1: Das Projekt lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <location line="+9" />
        <source>%1: cannot read the database: %2</source>
        <translation>%1: Die Datenbank lässt sich nicht lesen: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%1 (%2): %3, %n pending</source>
        <translation>
            <numerusform>%1 (%2): %3, %n ausstehend</numerusform>
            <numerusform>%1 (%2): %3, %n ausstehend</numerusform>
        </translation>
    </message>
    <message>
        <location line="+48" />
        <source>%1 on %2 cancelled before it started</source>
        <translation>%1 auf %2 abgebrochen, bevor es begann</translation>
    </message>
    <message numerus="yes">
        <location line="+12" />
        <source>%1 on %2 (%3): %n step(s), from %4</source>
        <translation>
            <numerusform>%1 auf %2 (%3): %n Schritt, ausgehend von %4</numerusform>
            <numerusform>%1 auf %2 (%3): %n Schritte, ausgehend von %4</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30" />
        <source>stamp</source>
        <translation>Stempeln</translation>
    </message>
    <message>
        <location line="+1" />
        <source>upgrade</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <location line="+1" />
        <source>downgrade</source>
        <translation>Downgrade</translation>
    </message>
    <message>
        <location line="+42" />
        <source>%1: backed up to %2 (%3, verified) before the run</source>
        <translation>%1: vor dem Lauf gesichert nach %2 (%3, geprüft)</translation>
    </message>
    <message>
        <location line="-400" />
        <source>%1: could not write the audit log: %2</source>
        <translation>%1: Das Audit-Protokoll konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+241" />
        <source>%1: the database can be read again.</source>
        <translation>%1: Die Datenbank ist wieder lesbar.</translation>
    </message>
    <message>
        <location line="+118" />
        <source>%1: step %2/%3: %4 %5 %6</source>
        <translation>%1: Schritt %2/%3: %4 %5 %6</translation>
    </message>
    <message numerus="yes">
        <location line="+54" />
        <source>%1 on %2 finished: %n step(s) in %3 ms; now %4</source>
        <translation>
            <numerusform>%1 auf %2 beendet: %n Schritt in %3 ms; jetzt %4</numerusform>
            <numerusform>%1 auf %2 beendet: %n Schritte in %3 ms; jetzt %4</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9" />
        <source>%1 on %2 cancelled: %3</source>
        <translation>%1 auf %2 abgebrochen: %3</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 on %2 failed: %3</source>
        <translation>%1 auf %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+14" />
        <source>%1: the state after the run could not be read: %2</source>
        <translation>%1: Der Zustand nach dem Lauf ließ sich nicht lesen: %2</translation>
    </message>
    <message>
        <location line="+31" />
        <source>%1: wrote %2</source>
        <translation>%1: %2 geschrieben</translation>
    </message>
    <message>
        <location line="+39" />
        <source>%1: trying %2 (%3), rolled back at the end</source>
        <translation>%1: %2 wird ausprobiert (%3), am Ende zurückgerollt</translation>
    </message>
    <message>
        <location line="+12" />
        <source>%1: trying %2 failed: %3</source>
        <translation>%1: Ausprobieren von %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: trying %2 succeeded; nothing was kept</source>
        <translation>%1: Ausprobieren von %2 erfolgreich; nichts wurde behalten</translation>
    </message>
    <message>
        <location line="+28" />
        <source>%1: backing up %2</source>
        <translation>%1: %2 wird gesichert</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: the backup failed: %2</source>
        <translation>%1: Die Sicherung ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: backed up to %2 (%3, verified)</source>
        <translation>%1: gesichert nach %2 (%3, geprüft)</translation>
    </message>
    <message>
        <location line="+34" />
        <source>%1: backing up %2 before the restore</source>
        <translation>%1: %2 wird vor der Wiederherstellung gesichert</translation>
    </message>
    <message>
        <location line="+8" />
        <source>%1: backed up to %2 (%3, verified) before the restore</source>
        <translation>%1: vor der Wiederherstellung gesichert nach %2 (%3, geprüft)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1: restoring %2 into %3</source>
        <translation>%1: %2 wird in %3 wiederhergestellt</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1: the restore failed: %2</source>
        <translation>%1: Die Wiederherstellung ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1: restored %2</source>
        <translation>%1: %2 wiederhergestellt</translation>
    </message>
    <message>
        <location line="+14" />
        <source>%1: %2 matches its catalogue entry</source>
        <translation>%1: %2 passt zu seinem Katalogeintrag</translation>
    </message>
    <message numerus="yes">
        <location line="+39" />
        <source>Connected to %1: %2, %n revision(s) in the project.</source>
        <translation>
            <numerusform>Verbunden mit %1: %2, %n Revision im Projekt.</numerusform>
            <numerusform>Verbunden mit %1: %2, %n Revisionen im Projekt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::NewMigrationDialog</name>
    <message>
        <location filename="../src/gui/authoring/newmigrationdialog.cpp" line="+21" />
        <source>Write the File</source>
        <translation>Datei schreiben</translation>
    </message>
</context>
<context>
    <name>strata::gui::PasswordDialog</name>
    <message>
        <location filename="../src/gui/profiles/passworddialog.cpp" line="+14" />
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) needs a password for &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) braucht ein Passwort für &lt;b&gt;%3&lt;/b&gt;.</translation>
    </message>
</context>
<context>
    <name>strata::gui::PendingController</name>
    <message>
        <location filename="../src/gui/pending/pendingcontroller.cpp" line="+63" />
        <source>Reading the plan…</source>
        <translation>Plan wird gelesen…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reading the database…</source>
        <translation>Datenbank wird gelesen…</translation>
    </message>
    <message>
        <location line="+27" />
        <source>the heads</source>
        <translation>den Heads</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Nothing to do: the database is at %1.</source>
        <translation>Nichts zu tun: Die Datenbank steht auf %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n step(s) from %1 to %2. Double-click a revision in History to plan towards it.</source>
        <translation>
            <numerusform>%n Schritt von %1 nach %2. Doppelklicken Sie eine Revision im Verlauf, um dorthin zu planen.</numerusform>
            <numerusform>%n Schritte von %1 nach %2. Doppelklicken Sie eine Revision im Verlauf, um dorthin zu planen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <location line="+14" />
        <source>No plan: %1</source>
        <translation>Kein Plan: %1</translation>
    </message>
    <message>
        <location line="+11" />
        <source>-- A stamp changes only the version rows.</source>
        <translation>-- Eine Stempelung ändert nur die Versionszeilen.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>-- This step has no SQL.</source>
        <translation>-- Dieser Schritt hat kein SQL.</translation>
    </message>
</context>
<context>
    <name>strata::gui::PlanModel</name>
    <message>
        <location filename="../src/gui/pending/planmodel.cpp" line="+23" />
        <source>Stamp</source>
        <translation>Stempeln</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Upgrade</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Downgrade</source>
        <translation>Downgrade</translation>
    </message>
    <message>
        <location line="+33" />
        <source>Version rows after this step</source>
        <translation>Versionszeilen nach diesem Schritt</translation>
    </message>
    <message>
        <location line="+14" />
        <source>(base)</source>
        <translation>(base)</translation>
    </message>
    <message>
        <location line="+13" />
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Then at</source>
        <translation>Danach auf</translation>
    </message>
</context>
<context>
    <name>strata::gui::ProfileDialog</name>
    <message>
        <location filename="../src/gui/profiles/profiledialog.cpp" line="+22" />
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <location line="+1" />
        <source>(libpq default)</source>
        <translation>(Standard von libpq)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Profile Colour</source>
        <translation>Profilfarbe</translation>
    </message>
    <message>
        <location line="+8" />
        <source>SQLite Database</source>
        <translation>SQLite-Datenbank</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Migration Project</source>
        <translation>Migrationsprojekt</translation>
    </message>
    <message>
        <location line="+12" />
        <source>New Connection Profile</source>
        <translation>Neues Verbindungsprofil</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit Profile %1</source>
        <translation>Profil %1 bearbeiten</translation>
    </message>
    <message>
        <location line="+63" />
        <source>Give the profile a name.</source>
        <translation>Geben Sie dem Profil einen Namen.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>There is already a profile named %1.</source>
        <translation>Es gibt bereits ein Profil namens %1.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose an environment.</source>
        <translation>Wählen Sie eine Umgebung.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Give a database name or a pg_service.conf service.</source>
        <translation>Geben Sie einen Datenbanknamen oder einen Dienst aus pg_service.conf an.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose the SQLite database file.</source>
        <translation>Wählen Sie die SQLite-Datenbankdatei.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose the migration project folder.</source>
        <translation>Wählen Sie den Ordner des Migrationsprojekts.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 holds no strata.ini: choose the folder of a migration project (create one with `strata init`).</source>
        <translation>%1 enthält keine strata.ini: Wählen Sie den Ordner eines Migrationsprojekts (legen Sie eines mit `strata init` an).</translation>
    </message>
    <message>
        <location line="+4" />
        <source>SQLite has no schemas: leave the schema empty.</source>
        <translation>SQLite kennt keine Schemas: Lassen Sie das Schema leer.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>'%1' is not a valid schema name (letters, digits and _, not starting with a digit).</source>
        <translation>'%1' ist kein gültiger Schemaname (Buchstaben, Ziffern und _, nicht mit einer Ziffer beginnend).</translation>
    </message>
    <message>
        <location line="+44" />
        <source>Connecting…</source>
        <translation>Verbindung wird aufgebaut…</translation>
    </message>
</context>
<context>
    <name>strata::gui::ProfileDock</name>
    <message>
        <location filename="../src/gui/profiles/profiledock.cpp" line="+77" />
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+0" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+50" />
        <location line="+62" />
        <location line="+10" />
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="-67" />
        <source>protected</source>
        <translation>geschützt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1
%2%3</source>
        <translation>%1
%2%3</translation>
    </message>
    <message>
        <location line="+2" />
        <source>
Protected</source>
        <translation>
Geschützt</translation>
    </message>
    <message>
        <location line="+31" />
        <location line="+89" />
        <location line="+26" />
        <source>drift</source>
        <translation>Drift</translation>
    </message>
    <message>
        <location line="-90" />
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>up to date</source>
        <translation>auf Stand</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n pending</source>
        <translation>
            <numerusform>%n ausstehend</numerusform>
            <numerusform>%n ausstehend</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>edited migrations</source>
        <translation>bearbeitete Migrationen</translation>
    </message>
    <message>
        <location line="+4" />
        <source>project missing</source>
        <translation>Projekt fehlt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>project error</source>
        <translation>Projektfehler</translation>
    </message>
    <message>
        <location line="-37" />
        <location line="+115" />
        <location line="+3" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Job: %1
Last state: %2</source>
        <translation>Auftrag: %1
Letzter Zustand: %2</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Job: %1
Last state: %2
%3</source>
        <translation>Auftrag: %1
Letzter Zustand: %2
%3</translation>
    </message>
</context>
<context>
    <name>strata::gui::ProfilesController</name>
    <message>
        <location filename="../src/gui/profiles/profilescontroller.cpp" line="+89" />
        <source>Profiles Not Saved</source>
        <translation>Profile nicht gespeichert</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Profile %1 saved.</source>
        <translation>Profil %1 gespeichert.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Profile %1 added.</source>
        <translation>Profil %1 hinzugefügt.</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Profile %1 deleted.</source>
        <translation>Profil %1 gelöscht.</translation>
    </message>
    <message>
        <location line="+16" />
        <source>%1 (this session)</source>
        <translation>%1 (diese Sitzung)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Opened</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Example Project</source>
        <translation>Beispielprojekt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The example project could not be copied: %1</source>
        <translation>Das Beispielprojekt konnte nicht kopiert werden: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Example shop (SQLite)</source>
        <translation>Beispiel-Shop (SQLite)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The example project is in %1, its database is %2.</source>
        <translation>Das Beispielprojekt liegt in %1, seine Datenbank ist %2.</translation>
    </message>
    <message>
        <location line="+43" />
        <location line="+6" />
        <source>Import pg_service.conf</source>
        <translation>pg_service.conf importieren</translation>
    </message>
    <message>
        <location line="-5" />
        <source>Service files (*.conf);;All files (*)</source>
        <translation>Dienstdateien (*.conf);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <location line="+20" />
        <source>%n service(s) imported; choose each one's migration project with Edit Profile.</source>
        <translation>
            <numerusform>%n Dienst importiert; wählen Sie sein Migrationsprojekt mit „Profil bearbeiten“.</numerusform>
            <numerusform>%n Dienste importiert; wählen Sie das Migrationsprojekt jedes Dienstes mit „Profil bearbeiten“.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+6" />
        <location line="+16" />
        <source>Import Profiles</source>
        <translation>Profile importieren</translation>
    </message>
    <message>
        <location line="-21" />
        <location line="+29" />
        <source>Strata profiles (*.json)</source>
        <translation>Strata-Profile (*.json)</translation>
    </message>
    <message>
        <location line="-7" />
        <source>Already present, not imported: %1</source>
        <translation>Bereits vorhanden, nicht importiert: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+6" />
        <source>Export Profiles</source>
        <translation>Profile exportieren</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n profile(s) exported, without passwords.</source>
        <translation>
            <numerusform>%n Profil exportiert, ohne Passwörter.</numerusform>
            <numerusform>%n Profile exportiert, ohne Passwörter.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24" />
        <source>%1: no password from the keychain (%2).</source>
        <translation>%1: kein Passwort aus dem Schlüsselbund (%2).</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The keychain did not keep the password of %1: %2</source>
        <translation>Der Schlüsselbund hat das Passwort von %1 nicht gespeichert: %2</translation>
    </message>
    <message>
        <location line="+35" />
        <source>the default user</source>
        <translation>den Standardbenutzer</translation>
    </message>
</context>
<context>
    <name>strata::gui::QuitGuard</name>
    <message>
        <location filename="../src/gui/jobs/quitguard.cpp" line="+24" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1: running a job</source>
        <translation>%1: ein Auftrag läuft</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Waiting for these jobs to stop: %1</source>
        <translation>Warten, bis diese Aufträge angehalten sind: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Jobs Are Running</source>
        <translation>Aufträge laufen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>These jobs are still going on:

%1

Cancel them and quit? Strata waits until each has stopped; an interrupted step is rolled back.</source>
        <translation>Diese Aufträge laufen noch:

%1

Abbrechen und beenden? Strata wartet, bis jeder angehalten ist; ein unterbrochener Schritt wird zurückgerollt.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Stopping every job before quitting…</source>
        <translation>Alle Aufträge werden vor dem Beenden angehalten…</translation>
    </message>
</context>
<context>
    <name>strata::gui::RestoreDialog</name>
    <message>
        <location filename="../src/gui/backups/restoredialog.cpp" line="+31" />
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;taken %2 from %3, at revision %4; %5, %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;angelegt %2 von %3, auf Revision %4; %5, %6</translation>
    </message>
    <message>
        <location line="+4" />
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+33" />
        <source>&lt;span style='color:#c62828'&gt;Everything in &lt;b&gt;%1&lt;/b&gt; (%2) is replaced by the backup's contents. Changes made there since are lost.&lt;/span&gt;</source>
        <translation>&lt;span style='color:#c62828'&gt;Alles in &lt;b&gt;%1&lt;/b&gt; (%2) wird durch den Inhalt der Sicherung ersetzt. Änderungen seither gehen verloren.&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No profile of this engine to restore into.</source>
        <translation>Kein Profil dieser Datenbankart zum Wiederherstellen.</translation>
    </message>
    <message>
        <location line="+17" />
        <source>%1 is protected. Type &lt;b&gt;%2&lt;/b&gt;:</source>
        <translation>%1 ist geschützt. Geben Sie &lt;b&gt;%2&lt;/b&gt; ein:</translation>
    </message>
</context>
<context>
    <name>strata::gui::RollbackWizard</name>
    <message>
        <location filename="../src/gui/rollback/rollbackwizard.cpp" line="+26" />
        <source>base (no migration applied)</source>
        <translation>base (keine Migration angewendet)</translation>
    </message>
    <message>
        <location line="+112" />
        <source>Guided Rollback: %1</source>
        <translation>Geführtes Zurückrollen: %1</translation>
    </message>
    <message>
        <location line="-86" />
        <source>Roll Back</source>
        <translation>Zurückrollen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+39" />
        <location line="+5" />
        <source>Save Report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <location line="-5" />
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>the database name %1</source>
        <translation>den Datenbanknamen %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>a reason</source>
        <translation>einen Grund</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Ready: Roll Back starts the rollback.</source>
        <translation>Bereit: Zurückrollen startet das Zurückrollen.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Roll Back is disabled until you type %1.</source>
        <translation>Zurückrollen bleibt gesperrt, bis Sie %1 eingeben.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Roll Back is disabled until you type %1 and %2.</source>
        <translation>Zurückrollen bleibt gesperrt, bis Sie %1 und %2 eingeben.</translation>
    </message>
    <message>
        <location line="+71" />
        <source>%1 cannot be read now: %2</source>
        <translation>%1 lässt sich gerade nicht lesen: %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>its database has not answered yet</source>
        <translation>seine Datenbank hat noch nicht geantwortet</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 (%2) is now at %3. The list shows what was applied, newest first: choose the last change that should remain.</source>
        <translation>%1 (%2) steht jetzt auf %3. Die Liste zeigt, was angewendet wurde, das Neueste zuerst: Wählen Sie die letzte Änderung, die bleiben soll.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>%1 (now)</source>
        <translation>%1 (jetzt)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Before the first migration (an empty schema)</source>
        <translation>Vor der ersten Migration (ein leeres Schema)</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Stop?</source>
        <translation>Anhalten?</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The rollback is running. Stop it? The step under way is rolled back; the steps already done stay undone.</source>
        <translation>Das Zurückrollen läuft. Anhalten? Der laufende Schritt wird zurückgerollt; bereits erledigte Schritte bleiben rückgängig gemacht.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Stop the %1 under way?</source>
        <translation>Die laufende %1 anhalten?</translation>
    </message>
    <message>
        <location line="+0" />
        <source>backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <location line="+0" />
        <source>restore</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Planning the rollback…</source>
        <translation>Das Zurückrollen wird geplant…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>%1 is protected: a safety backup is required before a rollback.</source>
        <translation>%1 ist geschützt: Vor dem Zurückrollen ist eine Sicherung Pflicht.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Recommended: the downgrade may delete data that only a backup keeps.</source>
        <translation>Empfohlen: Der Downgrade kann Daten löschen, die nur eine Sicherung bewahrt.</translation>
    </message>
    <message numerus="yes">
        <location line="+12" />
        <source>&lt;p&gt;Roll back &lt;b&gt;%1&lt;/b&gt; (%2) from %3 to &lt;b&gt;%4&lt;/b&gt;: %n step(s).&lt;/p&gt;&lt;p&gt;Safety backup: %5&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2) von %3 auf &lt;b&gt;%4&lt;/b&gt; zurückrollen: %n Schritt.&lt;/p&gt;&lt;p&gt;Sicherung: %5&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2) von %3 auf &lt;b&gt;%4&lt;/b&gt; zurückrollen: %n Schritte.&lt;/p&gt;&lt;p&gt;Sicherung: %5&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+172" />
        <source>before the first migration</source>
        <translation>vor der ersten Migration</translation>
    </message>
    <message>
        <location line="-171" />
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Type the database name, &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation>Geben Sie den Datenbanknamen ein, &lt;b&gt;%1&lt;/b&gt;:</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The report could not be saved.</source>
        <translation>Der Bericht konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Report saved as %1</source>
        <translation>Bericht gespeichert als %1</translation>
    </message>
    <message>
        <location line="+15" />
        <source>%1 has no downgrade section: it cannot be undone by a rollback; restore a backup instead.</source>
        <translation>%1 hat keinen Downgrade-Abschnitt: Sie lässt sich nicht zurückrollen; stellen Sie stattdessen eine Sicherung wieder her.</translation>
    </message>
    <message>
        <location line="+19" />
        <source>%1: not checked for data loss (%2)</source>
        <translation>%1: nicht auf Datenverlust geprüft (%2)</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Nothing to undo: %1 is already at that state.</source>
        <translation>Nichts rückgängig zu machen: %1 ist bereits in diesem Zustand.</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n step(s) will be undone on %1, from %2 back to %3.</source>
        <translation>
            <numerusform>%n Schritt wird auf %1 rückgängig gemacht, von %2 zurück auf %3.</numerusform>
            <numerusform>%n Schritte werden auf %1 rückgängig gemacht, von %2 zurück auf %3.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6" />
        <source>Blocked:</source>
        <translation>Blockiert:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Deletes data:</source>
        <translation>Löscht Daten:</translation>
    </message>
    <message>
        <location line="+19" />
        <source>The rollback cannot be planned.</source>
        <translation>Das Zurückrollen lässt sich nicht planen.</translation>
    </message>
    <message>
        <location line="+17" />
        <source>-- No downgrade section: irreversible.</source>
        <translation>-- Kein Downgrade-Abschnitt: nicht umkehrbar.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Backing up %1…</source>
        <translation>%1 wird gesichert…</translation>
    </message>
    <message>
        <location line="+28" />
        <source>The backup failed: %1</source>
        <translation>Die Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>(taken by this rollback, verified)</source>
        <translation>(von diesem Zurückrollen angelegt, geprüft)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Backed up and verified: %1</source>
        <translation>Gesichert und geprüft: %1</translation>
    </message>
    <message>
        <location line="+24" />
        <source>none taken</source>
        <translation>keine angelegt</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Waiting for the database…</source>
        <translation>Warten auf die Datenbank…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>✔ Step %1 done</source>
        <translation>✔ Schritt %1 erledigt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Step %1 of %2: undoing %3 (%4)</source>
        <translation>Schritt %1 von %2: %3 wird rückgängig gemacht (%4)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Step %1 of %2, statement %3 of %4</source>
        <translation>Schritt %1 von %2, Anweisung %3 von %4</translation>
    </message>
    <message>
        <location line="+19" />
        <source>unknown (not read after the run)</source>
        <translation>unbekannt (nach dem Lauf nicht gelesen)</translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>✔ All %n step(s) done.</source>
        <translation>
            <numerusform>✔ %n Schritt erledigt.</numerusform>
            <numerusform>✔ Alle %n Schritte erledigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 is back at %2.</source>
        <translation>%1 steht wieder auf %2.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The rollback was cancelled.</source>
        <translation>Das Zurückrollen wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The rollback failed.</source>
        <translation>Das Zurückrollen ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>✘ Stopped before any step: nothing ran.</source>
        <translation>✘ Vor dem ersten Schritt angehalten: Nichts wurde ausgeführt.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>✘ Step %1 cancelled.</source>
        <translation>✘ Schritt %1 abgebrochen.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>✘ Step %1 failed.</source>
        <translation>✘ Schritt %1 fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&lt;p&gt;&lt;b&gt;Stopped before any step: nothing ran.&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Vor dem ersten Schritt angehalten: Nichts wurde ausgeführt.&lt;/b&gt; %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&lt;p&gt;&lt;b&gt;Stopped at step %1 of %2.&lt;/b&gt; %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Angehalten bei Schritt %1 von %2.&lt;/b&gt; %3&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+10" />
        <source>&lt;p&gt;No safety backup was taken; repair the failing migration and run the rollback again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Es wurde keine Sicherung angelegt; reparieren Sie die fehlschlagende Migration und rollen Sie erneut zurück.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&lt;p&gt;To return to where you started, restore the safety backup.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Um zum Ausgangszustand zurückzukehren, stellen Sie die Sicherung wieder her.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Restore the Safety Backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Replace the contents of %1 with the safety backup taken before the rollback?

%2</source>
        <translation>Den Inhalt von %1 durch die vor dem Zurückrollen angelegte Sicherung ersetzen?

%2</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Restored from %1; the database is as it was before the rollback.</source>
        <translation>Aus %1 wiederhergestellt; die Datenbank ist wie vor dem Zurückrollen.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The restore failed: %1</source>
        <translation>Die Wiederherstellung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+13" />
        <source>The report could not be saved: %1</source>
        <translation>Der Bericht konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>strata::gui::RunResultDialog</name>
    <message>
        <location filename="../src/gui/status/runresultdialog.cpp" line="+12" />
        <source>The upgrade</source>
        <translation>Das Upgrade</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The downgrade</source>
        <translation>Das Downgrade</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The stamp</source>
        <translation>Das Stempeln</translation>
    </message>
    <message>
        <location line="+28" />
        <source>not created (nothing applied)</source>
        <translation>nicht angelegt (nichts angewendet)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>empty (base)</source>
        <translation>leer (Basis)</translation>
    </message>
    <message>
        <location line="+22" />
        <source>%1 cancelled</source>
        <translation>%1 abgebrochen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Connection lost</source>
        <translation>Verbindung verloren</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+17" />
        <source>%1 on %2 was cancelled before any step started: nothing ran.</source>
        <translation>%1 auf %2 wurde abgebrochen, bevor ein Schritt begann: Nichts wurde ausgeführt.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 on %2 failed before any step started: nothing ran.</source>
        <translation>%1 auf %2 ist fehlgeschlagen, bevor ein Schritt begann: Nichts wurde ausgeführt.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1 on %2 was cancelled during step %3 of %4 (%5).</source>
        <translation>%1 auf %2 wurde während Schritt %3 von %4 (%5) abgebrochen.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The connection to %1 was lost during step %2 of %3 (%4).</source>
        <translation>Die Verbindung zu %1 ging während Schritt %2 von %3 (%4) verloren.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1 on %2 failed at step %3 of %4 (%5): %6</source>
        <translation>%1 auf %2 ist bei Schritt %3 von %4 (%5) fehlgeschlagen: %6</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Read back at %1: the database is at %2.</source>
        <translation>Um %1 zurückgelesen: Die Datenbank steht auf %2.</translation>
    </message>
    <message>
        <location line="+46" />
        <location line="+11" />
        <source>It was the run's first step.</source>
        <translation>Es war der erste Schritt des Laufs.</translation>
    </message>
    <message numerus="yes">
        <location line="-9" />
        <source>None of the %n step(s) before it is in effect.</source>
        <translation>
            <numerusform>Der Schritt davor ist nicht wirksam.</numerusform>
            <numerusform>Keiner der %n Schritte davor ist wirksam.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>The %n step(s) before it completed and are in effect.</source>
        <translation>
            <numerusform>Der Schritt davor wurde abgeschlossen und ist wirksam.</numerusform>
            <numerusform>Die %n Schritte davor wurden abgeschlossen und sind wirksam.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Steps before it in effect: %1 of %n.</source>
        <translation>
            <numerusform>Wirksame Schritte davor: %1 von %n.</numerusform>
            <numerusform>Wirksame Schritte davor: %1 von %n.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8" />
        <source>No step had finished before it.</source>
        <translation>Davor war kein Schritt abgeschlossen.</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n step(s) had finished before it.</source>
        <translation>
            <numerusform>Davor war ein Schritt abgeschlossen.</numerusform>
            <numerusform>Davor waren %n Schritte abgeschlossen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-49" />
        <source>%1 is in effect: it completed before the run stopped.</source>
        <translation>%1 ist wirksam: Der Schritt wurde abgeschlossen, bevor der Lauf endete.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 ran outside a transaction: its statements before the failing one may have stayed applied.</source>
        <translation>%1 lief außerhalb einer Transaktion: Seine Anweisungen vor der fehlgeschlagenen können angewendet geblieben sein.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 was rolled back: it is not in effect.</source>
        <translation>%1 wurde zurückgerollt: Die Migration ist nicht wirksam.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>it was not read</source>
        <translation>sie wurde nicht gelesen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the server cannot be reached</source>
        <translation>der Server ist nicht erreichbar</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The outcome of step %1 (%2) is unknown until the database is read again: it could not be read afterwards (%3). Strata reconnects and shows it here when it has.</source>
        <translation>Das Ergebnis von Schritt %1 (%2) ist unbekannt, bis die Datenbank erneut gelesen wird: Sie konnte danach nicht gelesen werden (%3). Strata verbindet sich neu und zeigt es hier, sobald es gelesen ist.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The database could not be read afterwards (%1); its state is unknown until it is read again.</source>
        <translation>Die Datenbank konnte danach nicht gelesen werden (%1); ihr Zustand ist unbekannt, bis sie erneut gelesen wird.</translation>
    </message>
</context>
<context>
    <name>strata::gui::RunsController</name>
    <message>
        <location filename="../src/gui/jobs/runscontroller.cpp" line="+49" />
        <source>%1 has a run confirmation open; answer it first.</source>
        <translation>Für %1 ist eine Bestätigung offen; beantworten Sie diese zuerst.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 is busy (the rollback wizard's job); try again when it ends.</source>
        <translation>%1 ist beschäftigt (ein Auftrag des geführten Zurückrollens); versuchen Sie es erneut, wenn er endet.</translation>
    </message>
    <message>
        <location line="+45" />
        <source>Planning: %1… waiting for the database</source>
        <translation>Planung: %1… Warten auf die Datenbank</translation>
    </message>
    <message>
        <location line="+37" />
        <location line="+62" />
        <source>%1 on %2: cancelled; nothing was run.</source>
        <translation>%1 auf %2: abgebrochen; nichts wurde ausgeführt.</translation>
    </message>
    <message>
        <location line="-54" />
        <source>%1 on %2: nothing to do.</source>
        <translation>%1 auf %2: nichts zu tun.</translation>
    </message>
    <message>
        <location line="+21" />
        <source>%1 on %2: not run.</source>
        <translation>%1 auf %2: nicht ausgeführt.</translation>
    </message>
    <message>
        <location line="+38" />
        <source>%1 on %2 cannot be planned:

%3</source>
        <translation>%1 auf %2 kann nicht geplant werden:

%3</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Backing up %1 before: %2…</source>
        <translation>%1 wird gesichert vor: %2…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1: starting…</source>
        <translation>%1: wird gestartet…</translation>
    </message>
    <message numerus="yes">
        <location line="+18" />
        <source>Dry run of %1 on %2: %n step(s) ran and were rolled back; nothing was kept.</source>
        <translation>
            <numerusform>Probelauf von %1 auf %2: %n Schritt lief und wurde zurückgerollt; nichts blieb.</numerusform>
            <numerusform>Probelauf von %1 auf %2: %n Schritte liefen und wurden zurückgerollt; nichts blieb.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5" />
        <source>Dry run failed</source>
        <translation>Probelauf fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The dry run of %1 on %2 failed: %3

Everything was rolled back; the database is as it was.</source>
        <translation>Der Probelauf von %1 auf %2 ist fehlgeschlagen: %3

Alles wurde zurückgerollt; die Datenbank ist wie zuvor.</translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%1 on %2: %n step(s) in %3 s.</source>
        <translation>
            <numerusform>%1 auf %2: %n Schritt in %3 s.</numerusform>
            <numerusform>%1 auf %2: %n Schritte in %3 s.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1 on %2 cancelled after %3 s.</source>
        <translation>%1 auf %2 nach %3 s abgebrochen.</translation>
    </message>
    <message>
        <location line="+51" />
        <source>%1: rollback report saved as %2.</source>
        <translation>%1: Bericht zum Zurückrollen gespeichert als %2.</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Nothing to export: no step is pending.</source>
        <translation>Nichts zu exportieren: Kein Schritt steht aus.</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+8" />
        <source>Save SQL</source>
        <translation>SQL speichern</translation>
    </message>
    <message>
        <location line="-8" />
        <source>SQL scripts (*.sql)</source>
        <translation>SQL-Skripte (*.sql)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+3" />
        <source>SQL written to %1.</source>
        <translation>SQL nach %1 geschrieben.</translation>
    </message>
</context>
<context>
    <name>strata::gui::SchemaDiffView</name>
    <message>
        <location filename="../src/gui/schemadiff/schemadiffview.cpp" line="+453" />
        <source>Made or changed by the statements of %1:</source>
        <translation>Angelegt oder geändert durch die Anweisungen für %1:</translation>
    </message>
    <message>
        <location line="-57" />
        <source>Select an object to see its definition on both sides.</source>
        <translation>Ein Objekt wählen, um seine Definition auf beiden Seiten zu sehen.</translation>
    </message>
    <message>
        <location line="-40" />
        <source>Left out of the migration.</source>
        <translation>Aus der Migration ausgelassen.</translation>
    </message>
    <message>
        <location line="-23" />
        <source>Cannot create a migration with these objects left out: %1</source>
        <translation>Keine Migration möglich, wenn diese Objekte ausgelassen sind: %1</translation>
    </message>
    <message>
        <location line="-220" />
        <source>Show &amp;unchanged objects</source>
        <translation>&amp;Unveränderte Objekte zeigen</translation>
    </message>
    <message>
        <location line="+56" />
        <source>&amp;Create migration from these changes</source>
        <translation>Migration aus diesen Änderungen &amp;erstellen</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Nothing compared yet.</source>
        <translation>Noch nichts verglichen.</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Strata cannot write this migration:</source>
        <translation>Strata kann diese Migration nicht schreiben:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Not compared (kinds Strata does not model; whether their definitions differ is not known):</source>
        <translation>Nicht verglichen (Arten, die Strata nicht modelliert; ob sich ihre Definitionen unterscheiden, ist unbekannt):</translation>
    </message>
    <message>
        <location line="-96" />
        <source>Also left out:</source>
        <translation>Ebenfalls ausgelassen:</translation>
    </message>
    <message>
        <location line="+199" />
        <source>Nothing to create: no comparison is shown.</source>
        <translation>Nichts zu erstellen: kein Vergleich wird gezeigt.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cannot create a migration: the diff is refused (see above).</source>
        <translation>Keine Migration möglich: der Vergleich wird abgelehnt (siehe oben).</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Nothing to create: the two schemas are the same.</source>
        <translation>Nichts zu erstellen: die beiden Schemas sind gleich.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nothing to create: every difference is left out.</source>
        <translation>Nichts zu erstellen: jeder Unterschied ist ausgelassen.</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location line="+42" />
        <location line="+60" />
        <source>Upgrade</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <location line="-59" />
        <location line="+60" />
        <source>Downgrade</source>
        <translation>Downgrade</translation>
    </message>
    <message>
        <location line="-52" />
        <location line="+1" />
        <source>Not in this schema.</source>
        <translation>Nicht in diesem Schema.</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Statements for %1:</source>
        <translation>Anweisungen für %1:</translation>
    </message>
    <message>
        <location line="+22" />
        <source>No statements of its own: it is made or changed with the object it belongs to.</source>
        <translation>Keine eigenen Anweisungen: es wird mit dem Objekt angelegt oder geändert, zu dem es gehört.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unchanged: no statements.</source>
        <translation>Unverändert: keine Anweisungen.</translation>
    </message>
    <message numerus="yes">
        <location line="-60" />
        <source>The migration (%n operation(s)):</source>
        <translation>
            <numerusform>Die Migration (%n Operation):</numerusform>
            <numerusform>Die Migration (%n Operationen):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::SchemaTab</name>
    <message>
        <location filename="../src/gui/schemadiff/schematab.cpp" line="+32" />
        <source>Drift: the database against the project at its revisions</source>
        <translation>Drift: die Datenbank gegen das Projekt auf ihren Revisionen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The project's heads against a desired-state file</source>
        <translation>Die Heads des Projekts gegen eine Soll-Datei</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The project's heads against another profile's database</source>
        <translation>Die Heads des Projekts gegen die Datenbank eines anderen Profils</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Two revisions of the project</source>
        <translation>Zwei Revisionen des Projekts</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This profile's database against another profile's database</source>
        <translation>Die Datenbank dieses Profils gegen die Datenbank eines anderen Profils</translation>
    </message>
    <message>
        <location line="+12" />
        <source>What the comparison does shows here.</source>
        <translation>Hier steht, was der Vergleich gerade tut.</translation>
    </message>
    <message>
        <location line="+21" />
        <location line="+43" />
        <source>Choose what to compare, then press Compare.</source>
        <translation>Wählen Sie, was verglichen werden soll, und drücken Sie dann „Vergleichen“.</translation>
    </message>
    <message>
        <location line="+78" />
        <source>the project's heads</source>
        <translation>die Heads des Projekts</translation>
    </message>
    <message>
        <location line="+5" />
        <source>the project at the database's revisions</source>
        <translation>das Projekt auf den Revisionen der Datenbank</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+28" />
        <source>the database of %1</source>
        <translation>die Datenbank von %1</translation>
    </message>
    <message>
        <location line="-21" />
        <source>Choose a desired-state file first.</source>
        <translation>Wählen Sie zuerst eine Soll-Datei.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>file %1</source>
        <translation>Datei %1</translation>
    </message>
    <message>
        <location line="+7" />
        <source>There is no other profile to compare with.</source>
        <translation>Es gibt kein anderes Profil zum Vergleichen.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Profile %1 names no database of its own to compare with.</source>
        <translation>Profil %1 nennt keine eigene Datenbank zum Vergleichen.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Choose the two revisions to compare.</source>
        <translation>Wählen Sie die beiden Revisionen, die verglichen werden sollen.</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+1" />
        <source>revision %1</source>
        <translation>Revision %1</translation>
    </message>
    <message>
        <location line="+26" />
        <source>%1 with %2</source>
        <translation>%1 mit %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Comparing %1…</source>
        <translation>Vergleiche %1…</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location line="+22" />
        <source>No differences: %1 and %2 are the same schema (read %3).</source>
        <translation>Keine Unterschiede: %1 und %2 sind dasselbe Schema (gelesen %3).</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n difference(s) between %1 and %2 (read %3).</source>
        <translation>
            <numerusform>%n Unterschied zwischen %1 und %2 (gelesen %3).</numerusform>
            <numerusform>%n Unterschiede zwischen %1 und %2 (gelesen %3).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15" />
        <source>Cancelled: the comparison of %1 was stopped; nothing was compared.</source>
        <translation>Abgebrochen: der Vergleich von %1 wurde angehalten; nichts wurde verglichen.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The comparison of %1 failed: %2</source>
        <translation>Der Vergleich von %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+17" />
        <source>Last step: %1</source>
        <translation>Letzter Schritt: %1</translation>
    </message>
    <message>
        <location line="-7" />
        <source>Creating the migration was cancelled; nothing was written.</source>
        <translation>Das Erstellen der Migration wurde abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No migration was written: it did not pass its proof.
%1</source>
        <translation>Es wurde keine Migration geschrieben: sie hat ihre Prüfung nicht bestanden.
%1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No migration was written: %1</source>
        <translation>Es wurde keine Migration geschrieben: %1</translation>
    </message>
    <message>
        <location line="+18" />
        <source>A migration is created from a comparison of the project's heads (or the database at them) with a file or a database that found differences: compare first.</source>
        <translation>Eine Migration entsteht aus einem Vergleich der Heads des Projekts (oder der Datenbank auf ihnen) mit einer Datei oder einer Datenbank, der Unterschiede gefunden hat: vergleichen Sie zuerst.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Create Migration</source>
        <translation>Migration erstellen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Message of the new migration, which turns %1 into %2:</source>
        <translation>Beschreibung der neuen Migration, die %1 in %2 überführt:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>adopt changes made in the database</source>
        <translation>in der Datenbank vorgenommene Änderungen übernehmen</translation>
    </message>
    <message>
        <location line="+0" />
        <source>schema changes</source>
        <translation>Schemaänderungen</translation>
    </message>
    <message>
        <location line="+11" />
        <source>A migration needs a message; nothing was written.</source>
        <translation>Eine Migration braucht eine Beschreibung; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Writing a migration that turns %1 into %2, proven first…</source>
        <translation>Schreibe eine Migration, die %1 in %2 überführt, zuerst geprüft…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>No migration was written: the project's heads are already that schema.</source>
        <translation>Es wurde keine Migration geschrieben: die Heads des Projekts haben dieses Schema bereits.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Migration %1 written and proven: %2</source>
        <translation>Migration %1 geschrieben und geprüft: %2</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Also left out: %1</source>
        <translation>Ebenfalls ausgelassen: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The comparison shown was read before it: compare again to see what is left.</source>
        <translation>Der angezeigte Vergleich wurde davor gelesen: vergleichen Sie erneut, um zu sehen, was übrig ist.</translation>
    </message>
    <message>
        <location line="+45" />
        <source>Desired-State File</source>
        <translation>Soll-Datei</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SQL files (*.sql);;All files (*)</source>
        <translation>SQL-Dateien (*.sql);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>strata::gui::SettingsDialog</name>
    <message>
        <location filename="../src/gui/settings/settingsdialog.cpp" line="+27" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+16" />
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the server's own</source>
        <translation>die des Servers</translation>
    </message>
    <message>
        <location line="+11" />
        <location line="+80" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="-75" />
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Language (after a restart):</source>
        <translation>&amp;Sprache (nach einem Neustart):</translation>
    </message>
    <message>
        <location line="+4" />
        <source>PostgreSQL's lock_timeout for the statements of a run: a migration waiting longer for a lock fails instead of holding up everyone queued behind it</source>
        <translation>lock_timeout von PostgreSQL für die Anweisungen eines Laufs: Eine Migration, die länger auf eine Sperre wartet, schlägt fehl, statt alle hinter ihr Wartenden aufzuhalten</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Default l&amp;ock timeout:</source>
        <translation>Standard-&amp;Sperr-Timeout:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>PostgreSQL's statement_timeout for the statements of a run</source>
        <translation>statement_timeout von PostgreSQL für die Anweisungen eines Laufs</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Default &amp;statement timeout:</source>
        <translation>Standard-&amp;Anweisungs-Timeout:</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Backup folder:</source>
        <translation>Ordner für &amp;Sicherungen:</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Backup Folder</source>
        <translation>Ordner für Sicherungen</translation>
    </message>
    <message>
        <location line="+4" />
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="+1" />
        <source> newest</source>
        <translation> neueste</translation>
    </message>
    <message>
        <location line="+2" />
        <source>After a backup, how many of the profile's backups stay; a profile's own choice on the Backups tab comes first</source>
        <translation>Wie viele Sicherungen eines Profils nach einer Sicherung bleiben; die eigene Wahl eines Profils im Reiter Sicherungen geht vor</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Backups &amp;kept per profile:</source>
        <translation>&amp;Behaltene Sicherungen je Profil:</translation>
    </message>
    <message>
        <location line="+4" />
        <source>/usr/lib/postgresql/&lt;version&gt;/bin, then PATH</source>
        <translation>/usr/lib/postgresql/&lt;Version&gt;/bin, dann PATH</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Where pg_dump, pg_restore and psql are looked for first</source>
        <translation>Wo pg_dump, pg_restore und psql zuerst gesucht werden</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;PostgreSQL tools folder:</source>
        <translation>Ordner der &amp;PostgreSQL-Programme:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PostgreSQL Tools Folder</source>
        <translation>Ordner der PostgreSQL-Programme</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Errors block the run unless overridden with a reason</source>
        <translation>Fehler verhindern den Lauf, außer sie werden mit einem Grund übergangen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Errors and warnings block the run unless overridden with a reason</source>
        <translation>Fehler und Warnungen verhindern den Lauf, außer sie werden mit einem Grund übergangen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Findings are shown and block nothing</source>
        <translation>Befunde werden gezeigt und verhindern nichts</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Lint on protected profiles:</source>
        <translation>&amp;Lint auf geschützten Profilen:</translation>
    </message>
    <message>
        <location line="+29" />
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>strata::gui::StampDialog</name>
    <message>
        <location filename="../src/gui/jobs/stampdialog.cpp" line="+15" />
        <source>Plan the Stamp…</source>
        <translation>Stempelung planen…</translation>
    </message>
</context>
<context>
    <name>strata::gui::StatusBoard</name>
    <message>
        <location filename="../src/gui/status/statusboard.cpp" line="+253" />
        <source>database %1 does not exist on the local server (nothing applied; Upgrade can create it)</source>
        <translation>Datenbank %1 existiert auf dem lokalen Server nicht (nichts angewendet; Upgrade kann sie anlegen)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>database %1 does not exist on %2 (nothing applied; Upgrade can create it)</source>
        <translation>Datenbank %1 existiert auf %2 nicht (nichts angewendet; Upgrade kann sie anlegen)</translation>
    </message>
    <message>
        <location line="-46" />
        <source>The database %1 does not exist on the server; Upgrade can create it.</source>
        <translation>Die Datenbank %1 existiert auf dem Server nicht; Upgrade kann sie anlegen.</translation>
    </message>
    <message>
        <location line="-62" />
        <source>last read %1</source>
        <translation>zuletzt gelesen um %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not read since Strata started</source>
        <translation>seit dem Start von Strata nicht gelesen</translation>
    </message>
    <message>
        <location line="+11" />
        <source>the connection was lost (%1)</source>
        <translation>die Verbindung ging verloren (%1)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the database cannot be reached (%1)</source>
        <translation>die Datenbank ist nicht erreichbar (%1)</translation>
    </message>
    <message>
        <location line="+10" />
        <source>the connection was lost</source>
        <translation>die Verbindung ging verloren</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the database cannot be reached</source>
        <translation>die Datenbank ist nicht erreichbar</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the server refused the login</source>
        <translation>der Server hat die Anmeldung abgelehnt</translation>
    </message>
    <message>
        <location line="+23" />
        <source>State unknown: %1
The database was %2; checked %3.</source>
        <translation>Zustand unbekannt: %1
Die Datenbank wurde %2; geprüft um %3.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Reconnecting (attempt %1) at %2.</source>
        <translation>Neuer Verbindungsversuch (Versuch %1) um %2.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Read at %1.</source>
        <translation>Gelesen um %1.</translation>
    </message>
    <message>
        <location line="+26" />
        <source>project missing: %1 · the state of the database is not read without it</source>
        <translation>Projekt fehlt: %1 · ohne Projekt wird der Zustand der Datenbank nicht gelesen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the project could not be read: %1</source>
        <translation>das Projekt konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>state unknown: %1 · %2</source>
        <translation>Zustand unbekannt: %1 · %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source> · reconnecting (attempt %1) at %2</source>
        <translation> · neuer Verbindungsversuch (Versuch %1) um %2</translation>
    </message>
    <message>
        <location line="+4" />
        <source> · reconnecting (attempt %1)…</source>
        <translation> · neuer Verbindungsversuch (Versuch %1)…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>not created yet (nothing applied)</source>
        <translation>noch nicht angelegt (nichts angewendet)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>at empty (base)</source>
        <translation>auf leer (Basis)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>at %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source> · cancelled: %1</source>
        <translation> · abgebrochen: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source> · failed: %1</source>
        <translation> · fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source> · read %1</source>
        <translation> · gelesen um %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>%1 added</source>
        <translation>%1 hinzugefügt</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 removed</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <location line="+4" />
        <source>%1 changed</source>
        <translation>%1 geändert</translation>
    </message>
    <message>
        <location line="+9" />
        <source>the project at base</source>
        <translation>dem Projekt auf base</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the project at %1</source>
        <translation>dem Projekt auf %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No drift: the database matches %1 (checked %2).</source>
        <translation>Kein Drift: die Datenbank entspricht %1 (geprüft %2).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Owners and grants were not compared.</source>
        <translation>Eigentümer und Rechte wurden nicht verglichen.</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n finding(s) hidden by drift_ignore.</source>
        <translation>
            <numerusform>%n Befund durch drift_ignore ausgeblendet.</numerusform>
            <numerusform>%n Befunde durch drift_ignore ausgeblendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiterer</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Drift: %n object(s) of the database differ from %1: %2 (checked %3).</source>
        <translation>
            <numerusform>Drift: %n Objekt der Datenbank weicht von %1 ab: %2 (geprüft %3).</numerusform>
            <numerusform>Drift: %n Objekte der Datenbank weichen von %1 ab: %2 (geprüft %3).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12" />
        <source>the check was cancelled</source>
        <translation>die Prüfung wurde abgebrochen</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Drift unknown: %1 (checked %2).</source>
        <translation>Drift unbekannt: %1 (geprüft %2).</translation>
    </message>
    <message>
        <location line="+26" />
        <source>No plan: %1</source>
        <translation>Kein Plan: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pending steps unknown: the database was not read (%1; %2).</source>
        <translation>Ausstehende Schritte unbekannt: Die Datenbank wurde nicht gelesen (%1; %2).</translation>
    </message>
    <message>
        <location line="+13" />
        <source>The project is missing: %1. It was moved or deleted; put it back, or choose its new folder with Edit Profile.</source>
        <translation>Das Projekt fehlt: %1. Es wurde verschoben oder gelöscht; stellen Sie es wieder her oder wählen Sie seinen neuen Ordner mit „Profil bearbeiten“.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The project could not be read: %1</source>
        <translation>Das Projekt konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The state of the database is unknown: %1. It was %2.</source>
        <translation>Der Zustand der Datenbank ist unbekannt: %1. Sie wurde %2.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The last run of %1 was cancelled and rolled back; run it again when ready.</source>
        <translation>Der letzte Lauf von %1 wurde abgebrochen und zurückgerollt; starten Sie ihn erneut, wenn Sie bereit sind.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The last run of %1 failed part way; it ran outside a transaction, so its statements before the failing one may have stayed applied. Check the schema before you upgrade again.</source>
        <translation>Der letzte Lauf von %1 ist mittendrin fehlgeschlagen; er lief außerhalb einer Transaktion, daher können seine Anweisungen vor der fehlgeschlagenen angewendet geblieben sein. Prüfen Sie das Schema, bevor Sie erneut ein Upgrade ausführen.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The last run of %1 failed and was rolled back; fix the migration and upgrade again.</source>
        <translation>Der letzte Lauf von %1 ist fehlgeschlagen und wurde zurückgerollt; korrigieren Sie die Migration und führen Sie das Upgrade erneut aus.</translation>
    </message>
</context>
<context>
    <name>strata::gui::AuditChainStatus</name>
    <message>
        <source>Checking the audit log's hash chain…</source>
        <translation>Prüfe die Hash-Kette des Audit-Protokolls…</translation>
    </message>
    <message>
        <source>(checked %1)</source>
        <translation>(geprüft %1)</translation>
    </message>
    <message>
        <source>Audit log: no entries yet, nothing to check %1.</source>
        <translation>Audit-Protokoll: noch keine Einträge, nichts zu prüfen %1.</translation>
    </message>
    <message numerus="yes">
        <source>Hash chain intact: %n entries verified</source>
        <translation>
            <numerusform>Hash-Kette intakt: %n Eintrag geprüft</numerusform>
            <numerusform>Hash-Kette intakt: %n Einträge geprüft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older entries were written before the chain and cannot be checked</source>
        <translation>
            <numerusform>%n älterer Eintrag wurde vor der Kette geschrieben und kann nicht geprüft werden</numerusform>
            <numerusform>%n ältere Einträge wurden vor der Kette geschrieben und können nicht geprüft werden</numerusform>
        </translation>
    </message>
    <message>
        <source>line %1 was changed</source>
        <translation>Zeile %1 wurde geändert</translation>
    </message>
    <message>
        <source>an entry was removed before line %1</source>
        <translation>vor Zeile %1 wurde ein Eintrag entfernt</translation>
    </message>
    <message>
        <source>line %1 was inserted</source>
        <translation>Zeile %1 wurde eingefügt</translation>
    </message>
    <message>
        <source>at line %1</source>
        <translation>in Zeile %1</translation>
    </message>
    <message>
        <source>Audit log: nothing recorded yet, nothing to check %1.</source>
        <translation>Audit-Protokoll: noch nichts aufgezeichnet, nichts zu prüfen %1.</translation>
    </message>
    <message>
        <source>Hash chain unknown, because the audit log could not be read: %1 %2</source>
        <translation>Hash-Kette unbekannt, weil das Audit-Protokoll nicht gelesen werden konnte: %1 %2</translation>
    </message>
    <message>
        <source>The audit log %1 was edited: %2. Entries from there on cannot be trusted %3.</source>
        <translation>Das Audit-Protokoll %1 wurde bearbeitet: %2. Den Einträgen ab dort ist nicht zu trauen %3.</translation>
    </message>
</context>
</TS>
