#pragma once

#include "schema/schemaworkbench.h"

#include <QString>
#include <QStringList>
#include <QWidget>

class QAbstractItemModel;
class QTreeView;

namespace strata::gui {

// One comparison shown: an object tree (schemas, tables with their columns, indexes,
// constraints and triggers, views, functions ...) with added, removed and changed marks and
// counts, a checkbox on each difference, and for the selected object both definitions side by
// side with the changed lines highlighted, and the statements that turn one into the other
// with their hazards. GUI only: the comparison (schema::DiffResult) is read by the Schema tab's
// worker; leaving objects out is the core's schema::leaveOut().
class SchemaDiffView : public QWidget
{
    Q_OBJECT

public:
    explicit SchemaDiffView(QWidget *parent = nullptr);
    ~SchemaDiffView() override;

    // Shows a comparison read by SchemaWorkbench::diff(): `result.from` on the left, `result.to`
    // on the right, `result.diff` as the statements. Every difference starts checked.
    void setResult(const strata::schema::DiffResult &result);
    // No comparison: the panes are emptied and `message` is shown in their place
    // ("Comparing ...", why it failed).
    void showMessage(const QString &message);

    // Keys (SchemaObject::key()) of the differences the user unchecked.
    QStringList leftOut() const;
    // What leaving those out also leaves out, one line each (schema::Selection::why); shown
    // under the tree.
    QStringList alsoLeftOut() const;
    // Differences shown (added + removed + changed objects).
    int differenceCount() const;

    // For tests: the tree, its model, the two definition panes' text and the statements pane's.
    QTreeView *tree() const;
    QAbstractItemModel *model() const;
    QString leftText() const;
    QString rightText() const;
    QString statementsText() const;

Q_SIGNALS:
    // "Create migration from these changes" was pressed, with the keys left out.
    void createMigrationRequested(QStringList leftOut);

private:
    struct Private;
    Private *d;
};

} // namespace strata::gui
