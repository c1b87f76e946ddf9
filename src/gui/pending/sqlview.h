#pragma once

#include "qsci.h"

namespace strata::gui {

// Read-only SQL, highlighted, with line numbers that match the migration file.
class SqlView : public QsciScintilla
{
    Q_OBJECT

public:
    explicit SqlView(QWidget *parent = nullptr);

    // firstLine: the file line of the text's first line, so errors' file:line can be found.
    void showSql(const QString &sql, int firstLine = 1);
};

} // namespace strata::gui
