<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>SchemaDiffText</name>
    <message numerus="yes">
        <location filename="../src/gui/schemadiff/schemadifftext.cpp" line="+191" />
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n difference</numerusform>
            <numerusform>%n differences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n difference(s) inside</source>
        <translation>
            <numerusform>%n difference inside</numerusform>
            <numerusform>%n differences inside</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15" />
        <source>%n added</source>
        <translation>
            <numerusform>%n added</numerusform>
            <numerusform>%n added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>%n removed</source>
        <translation>
            <numerusform>%n removed</numerusform>
            <numerusform>%n removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n changed</source>
        <translation>
            <numerusform>%n changed</numerusform>
            <numerusform>%n changed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::BackupsController</name>
    <message numerus="yes">
        <location filename="../src/gui/backups/backupscontroller.cpp" line="+98" />
        <source>%n backup(s) of %1.</source>
        <translation>
            <numerusform>%n backup of %1.</numerusform>
            <numerusform>%n backups of %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::ConfirmRunDialog</name>
    <message numerus="yes">
        <location filename="../src/gui/jobs/confirmrundialog.cpp" line="+81" />
        <source>&lt;b&gt;%1&lt;/b&gt; on &lt;span style='color:%2'&gt;■&lt;/span&gt; &lt;b&gt;%3&lt;/b&gt; (%4, %5)&lt;br&gt;%n step(s):</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; on &lt;span style='color:%2'&gt;■&lt;/span&gt; &lt;b&gt;%3&lt;/b&gt; (%4, %5)&lt;br&gt;%n step:</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; on &lt;span style='color:%2'&gt;■&lt;/span&gt; &lt;b&gt;%3&lt;/b&gt; (%4, %5)&lt;br&gt;%n steps:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>Irreversible revision(s) in the way: %1.</source>
        <translation>
            <numerusform>Irreversible revision in the way: %1.</numerusform>
            <numerusform>Irreversible revisions in the way: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+158" />
        <location line="+3" />
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-3" />
        <location line="+4" />
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::EditorArea</name>
    <message numerus="yes">
        <location filename="../src/gui/authoring/editorarea.cpp" line="+239" />
        <source>%n lint rule(s)</source>
        <translation>
            <numerusform>%n lint rule</numerusform>
            <numerusform>%n lint rules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>Completion: %n table(s) and view(s) of %1</source>
        <translation>
            <numerusform>Completion: %n table or view of %1</numerusform>
            <numerusform>Completion: %n tables and views of %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::FindBar</name>
    <message numerus="yes">
        <location filename="../src/gui/authoring/findbar.cpp" line="+103" />
        <source>%n replaced</source>
        <translation>
            <numerusform>%n replaced</numerusform>
            <numerusform>%n replaced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::HistoryModel</name>
    <message numerus="yes">
        <location filename="../src/gui/history/historymodel.cpp" line="+140" />
        <source>Down revision(s): %1</source>
        <translation>
            <numerusform>Down revision: %1</numerusform>
            <numerusform>Down revisions: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::MigrationWorker</name>
    <message numerus="yes">
        <location filename="../src/gui/jobs/migrationworker.cpp" line="+714" />
        <source>The server answered: %1 does not exist; an upgrade can create it first. %n revision(s) in the project.</source>
        <translation>
            <numerusform>The server answered: %1 does not exist; an upgrade can create it first. %n revision in the project.</numerusform>
            <numerusform>The server answered: %1 does not exist; an upgrade can create it first. %n revisions in the project.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-383" />
        <source>%1 (%2): %3, %n pending</source>
        <translation>
            <numerusform>%1 (%2): %3, %n pending</numerusform>
            <numerusform>%1 (%2): %3, %n pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+60" />
        <source>%1 on %2 (%3): %n step(s), from %4</source>
        <translation>
            <numerusform>%1 on %2 (%3): %n step, from %4</numerusform>
            <numerusform>%1 on %2 (%3): %n steps, from %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+87" />
        <source>%1 on %2 finished: %n step(s) in %3 ms; now %4</source>
        <translation>
            <numerusform>%1 on %2 finished: %n step in %3 ms; now %4</numerusform>
            <numerusform>%1 on %2 finished: %n steps in %3 ms; now %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+244" />
        <source>%1 does not exist yet; the first upgrade creates it. %n revision(s) in the project.</source>
        <translation>
            <numerusform>%1 does not exist yet; the first upgrade creates it. %n revision in the project.</numerusform>
            <numerusform>%1 does not exist yet; the first upgrade creates it. %n revisions in the project.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>Connected to %1: %2, %n revision(s) in the project.</source>
        <translation>
            <numerusform>Connected to %1: %2, %n revision in the project.</numerusform>
            <numerusform>Connected to %1: %2, %n revisions in the project.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::PendingController</name>
    <message numerus="yes">
        <location filename="../src/gui/pending/pendingcontroller.cpp" line="+96" />
        <source>%n step(s) from %1 to %2. Double-click a revision in History to plan towards it.</source>
        <translation>
            <numerusform>%n step from %1 to %2. Double-click a revision in History to plan towards it.</numerusform>
            <numerusform>%n steps from %1 to %2. Double-click a revision in History to plan towards it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::ProfileDock</name>
    <message numerus="yes">
        <location filename="../src/gui/profiles/profiledock.cpp" line="+201" />
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::ProfilesController</name>
    <message numerus="yes">
        <location filename="../src/gui/profiles/profilescontroller.cpp" line="+248" />
        <source>%n service(s) imported; choose each one's migration project with Edit Profile.</source>
        <translation>
            <numerusform>%n service imported; choose its migration project with Edit Profile.</numerusform>
            <numerusform>%n services imported; choose each one's migration project with Edit Profile.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+44" />
        <source>%n profile(s) exported, without passwords.</source>
        <translation>
            <numerusform>%n profile exported, without passwords.</numerusform>
            <numerusform>%n profiles exported, without passwords.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::RollbackWizard</name>
    <message numerus="yes">
        <location filename="../src/gui/rollback/rollbackwizard.cpp" line="+301" />
        <source>&lt;p&gt;Roll back &lt;b&gt;%1&lt;/b&gt; (%2) from %3 to &lt;b&gt;%4&lt;/b&gt;: %n step(s).&lt;/p&gt;&lt;p&gt;Safety backup: %5&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;Roll back &lt;b&gt;%1&lt;/b&gt; (%2) from %3 to &lt;b&gt;%4&lt;/b&gt;: %n step.&lt;/p&gt;&lt;p&gt;Safety backup: %5&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;Roll back &lt;b&gt;%1&lt;/b&gt; (%2) from %3 to &lt;b&gt;%4&lt;/b&gt;: %n steps.&lt;/p&gt;&lt;p&gt;Safety backup: %5&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+62" />
        <source>%n step(s) will be undone on %1, from %2 back to %3.</source>
        <translation>
            <numerusform>%n step will be undone on %1, from %2 back to %3.</numerusform>
            <numerusform>%n steps will be undone on %1, from %2 back to %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+187" />
        <source>✔ All %n step(s) done.</source>
        <translation>
            <numerusform>✔ %n step done.</numerusform>
            <numerusform>✔ All %n steps done.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::RunResultDialog</name>
    <message numerus="yes">
        <location filename="../src/gui/status/runresultdialog.cpp" line="+180" />
        <source>None of the %n step(s) before it is in effect.</source>
        <translation>
            <numerusform>The step before it is not in effect.</numerusform>
            <numerusform>None of the %n steps before it is in effect.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>The %n step(s) before it completed and are in effect.</source>
        <translation>
            <numerusform>The step before it completed and is in effect.</numerusform>
            <numerusform>The %n steps before it completed and are in effect.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Steps before it in effect: %1 of %n.</source>
        <translation>
            <numerusform>Steps before it in effect: %1 of %n.</numerusform>
            <numerusform>Steps before it in effect: %1 of %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>%n step(s) had finished before it.</source>
        <translation>
            <numerusform>One step had finished before it.</numerusform>
            <numerusform>%n steps had finished before it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::RunsController</name>
    <message numerus="yes">
        <location filename="../src/gui/jobs/runscontroller.cpp" line="+241" />
        <source>Dry run of %1 on %2: %n step(s) ran and were rolled back; nothing was kept.</source>
        <translation>
            <numerusform>Dry run of %1 on %2: %n step ran and was rolled back; nothing was kept.</numerusform>
            <numerusform>Dry run of %1 on %2: %n steps ran and were rolled back; nothing was kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11" />
        <source>%1 on %2: %n step(s) in %3 s.</source>
        <translation>
            <numerusform>%1 on %2: %n step in %3 s.</numerusform>
            <numerusform>%1 on %2: %n steps in %3 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::SchemaDiffView</name>
    <message numerus="yes">
        <location filename="../src/gui/schemadiff/schemadiffview.cpp" line="+402" />
        <source>The migration (%n operation(s)):</source>
        <translation>
            <numerusform>The migration (%n operation):</numerusform>
            <numerusform>The migration (%n operations):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::SchemaTab</name>
    <message numerus="yes">
        <location filename="../src/gui/schemadiff/schematab.cpp" line="+302" />
        <source>%n difference(s) between %1 and %2 (read %3).</source>
        <translation>
            <numerusform>%n difference between %1 and %2 (read %3).</numerusform>
            <numerusform>%n differences between %1 and %2 (read %3).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::StatusBoard</name>
    <message numerus="yes">
        <location filename="../src/gui/status/statusboard.cpp" line="+297" />
        <source>%n finding(s) hidden by drift_ignore.</source>
        <translation>
            <numerusform>%n finding hidden by drift_ignore.</numerusform>
            <numerusform>%n findings hidden by drift_ignore.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Drift: %n object(s) of the database differ from %1: %2 (checked %3).</source>
        <translation>
            <numerusform>Drift: %n object of the database differs from %1: %2 (checked %3).</numerusform>
            <numerusform>Drift: %n objects of the database differ from %1: %2 (checked %3).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::gui::AuditChainStatus</name>
    <message numerus="yes">
        <source>Hash chain intact: %n entries verified</source>
        <translation>
            <numerusform>Hash chain intact: %n entry verified</numerusform>
            <numerusform>Hash chain intact: %n entries verified</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n older entries were written before the chain and cannot be checked</source>
        <translation>
            <numerusform>%n older entry was written before the chain and cannot be checked</numerusform>
            <numerusform>%n older entries were written before the chain and cannot be checked</numerusform>
        </translation>
    </message>
</context>
</TS>
