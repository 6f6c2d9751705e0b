// Adapters from the domain's image protocols to the Inference engine live here.
