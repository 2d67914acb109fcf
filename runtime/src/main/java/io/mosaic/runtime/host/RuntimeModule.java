package io.mosaic.runtime.host;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.mosaic.runtime.data.DataSource;

/** Wires the host: its options and the data sources assemblies can name. */
public final class RuntimeModule extends AbstractModule {
    private final RuntimeOptions options;

    public RuntimeModule(RuntimeOptions options) {
        this.options = options;
    }

    @Override
    protected void configure() {
        bind(RuntimeOptions.class).toInstance(options);
        MapBinder<String, DataSource> sources = MapBinder.newMapBinder(binder(), String.class, DataSource.class);
        DataSources.builtIn().forEach(source -> sources.addBinding(source.name()).toInstance(source));
    }
}
