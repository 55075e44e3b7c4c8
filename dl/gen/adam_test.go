package gen_test

import (
	"github.com/gendl/gendl/dl/nn"
	"github.com/gendl/gendl/dl/optim"
)

func newAdam(m nn.Module, lr float64) *optim.Adam { return optim.NewAdam(m.Parameters(), lr) }
